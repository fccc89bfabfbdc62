/** What an exam's pool is sized from: the staff's target and the exam's candidates. */
export interface ExamPoolFigures {
  /** The prewarm target the staff set. */
  target: number;
  /** The candidates the exam expects. */
  expectedCandidates: number;
  /** Candidates on its roster (more than expected when the roster grew). */
  rosterSize: number;
  /** Candidates who have their desktop now (a reconnect gets it back). */
  seated: number;
}

/**
 * How many warm desktops an exam's pool keeps: its target, but never more than the candidates
 * still to come (the expected count or the roster, whichever is larger, less those seated) plus
 * the spares the target asks beyond that count. Before anyone joins this is the target; as
 * candidates take their desktops the pool is not refilled for nobody, which at doors-open would
 * start a second desktop per candidate on the very workers the candidates are opening theirs on.
 * A candidate whose desktop ends is one still to come again, so that one is replaced.
 */
export function warmWanted(p: ExamPoolFigures): number {
  const candidates = Math.max(p.expectedCandidates, p.rosterSize);
  const spares = Math.max(0, p.target - candidates);
  return Math.max(0, Math.min(p.target, Math.max(0, candidates - p.seated) + spares));
}
