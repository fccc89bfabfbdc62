import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExamPoolFigures } from './warm-wanted.js';
import { SEATED_STATES } from './seated-states.js';
import { pgArray } from '../../db/pg-array.js';

/** An exam's candidates as its warm pool counts them: expected, on the roster, and seated now. */
export type ExamHeadcount = Omit<ExamPoolFigures, 'target'>;

/**
 * Reads an exam's expected candidates, roster size and seated candidates in one statement, so the
 * Prewarm card and the go / no-go size the pool from the same figures; null when there is no such exam.
 */
export async function examHeadcount(em: EntityManager, examId: string): Promise<ExamHeadcount | null> {
  const [row] = await em.execute<{ expected: number; roster: string; seated: string }[]>(
    `select e.expected_candidates as expected,
            (select count(*) from exam_candidates c where c.exam_id = e.id) as roster,
            (select count(*) from sessions s where s.exam_id = e.id and s.owner_id is not null and s.state = any(?::text[])) as seated
       from exams e where e.id = ?`,
    [pgArray(SEATED_STATES), examId],
  );
  if (!row) return null;
  return { expectedCandidates: Number(row.expected), rosterSize: Number(row.roster), seated: Number(row.seated) };
}
