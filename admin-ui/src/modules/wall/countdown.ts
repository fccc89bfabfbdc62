/** `h:mm:ss` (or `m:ss` under an hour) for a span in ms; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Where an exam stands at `now`: before its start, running, or over. */
export type ExamPhase = 'upcoming' | 'running' | 'ended';

export function examPhase(exam: { startsAt: string; endsAt: string }, now: number): ExamPhase {
  if (now < Date.parse(exam.startsAt)) return 'upcoming';
  return now < Date.parse(exam.endsAt) ? 'running' : 'ended';
}

/** The exams a wall shows: running ones, then those starting later today, soonest first. */
export function examsForWall<E extends { startsAt: string; endsAt: string }>(exams: readonly E[], now: number): E[] {
  const endOfDay = new Date(now);
  endOfDay.setHours(23, 59, 59, 999);
  return exams
    .filter((e) => {
      const phase = examPhase(e, now);
      return phase === 'running' || (phase === 'upcoming' && Date.parse(e.startsAt) <= endOfDay.getTime());
    })
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
