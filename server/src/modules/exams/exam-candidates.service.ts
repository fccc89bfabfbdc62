import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import type { ExamsService } from './exams.service.js';
import { Session } from '../sessions/session.entity.js';
import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';
import { pgArray } from '../../db/pg-array.js';

/** A roster holds at most this many candidates in one answer (an import takes 5,000 at a time). */
export const EXAM_CANDIDATES_MAX = 20_000;

/** One candidate on an exam's roster and the desktop they have. */
@ObjectType({ description: "A candidate on an exam's roster and the desktop they have (or had)" })
export class ExamCandidateView {
  @Field(() => ID, { description: 'Stable id of the roster entry' })
  id!: string;
  @Field(() => ID, { description: "The candidate's account" })
  userId!: string;
  @Field(() => String, { description: 'Login name' })
  username!: string;
  @Field(() => Date, { description: 'When they were put on the roster' })
  addedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When they first took a desktop of this exam; null until they join' })
  joinedAt!: Date | null;
  @Field(() => Session, { nullable: true, description: 'Their live desktop of this exam, else their latest one; null until they join' })
  session!: Session | null;
}

type Row = { id: string; user_id: string; username: string; created_at: Date; joined_at: Date | null; session_id: string | null };

/** An exam's roster with each candidate's desktop, for the exam page. */
export class ExamCandidatesService {
  constructor(private readonly exams: ExamsService) {}

  /** Every candidate of the exam by username, each with their live (else latest) desktop of it. */
  async list(em: EntityManager, examId: string): Promise<ExamCandidateView[]> {
    const exam = await this.exams.get(em, examId);
    const rows = await em.execute<Row[]>(
      `select c.id, c.user_id, u.username, c.created_at,
              (select min(s.created_at) from sessions s where s.exam_id = c.exam_id and s.owner_id = c.user_id) as joined_at,
              (select s.id from sessions s where s.exam_id = c.exam_id and s.owner_id = c.user_id
                order by (s.state = any(?::text[])) desc, s.created_at desc limit 1) as session_id
         from exam_candidates c join users u on u.id = c.user_id
        where c.exam_id = ? order by u.username limit ?`,
      [pgArray(SLOT_HOLDING_STATES), exam.id, EXAM_CANDIDATES_MAX],
    );
    const ids = rows.flatMap((r) => (r.session_id ? [r.session_id] : []));
    const sessions = ids.length ? await em.find(Session, { id: { $in: ids } }, { populate: ['product', 'owner', 'worker', 'exam'] }) : [];
    const byId = new Map(sessions.map((s) => [s.id, s]));
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      addedAt: new Date(r.created_at),
      joinedAt: r.joined_at ? new Date(r.joined_at) : null,
      session: r.session_id ? (byId.get(r.session_id) ?? null) : null,
    }));
  }
}
