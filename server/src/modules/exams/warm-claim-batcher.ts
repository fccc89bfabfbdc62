import type { MikroORM } from '@mikro-orm/postgresql';
import { eligibleSql } from '../placement/placement.service.js';
import { Session } from '../sessions/session.entity.js';

/** What the batch did for one candidate: their existing desktop, a warm one now theirs, or nothing (take the full path). */
export type BatchedJoin = { session: Session; claimed: boolean } | null;

interface Waiter {
  userId: string;
  resolve: (r: BatchedJoin) => void;
  reject: (e: unknown) => void;
}

/**
 * The exam-morning fast path: candidates who join the same exam at the same moment are served by
 * one SQL statement per exam and event-loop turn. It locks their roster rows (SKIP LOCKED: one
 * candidate's second click takes the full path and waits there), gives back desktops they already
 * have, hands each remaining candidate a distinct warm desktop on an eligible worker (SKIP LOCKED
 * again, so concurrent batches and replicas never share one), and records the sticky worker.
 * Anyone it cannot serve (not on the roster, a sticky worker to honour, no warm desktop left)
 * gets null and goes through the full join, which gives the exact answer or error.
 */
export class WarmClaimBatcher {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly orm: MikroORM,
    private readonly heartbeatTtlSec: number,
    private readonly stickyTtlSec: number,
  ) {}

  claim(userId: string, examCode: string): Promise<BatchedJoin> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(examCode);
      if (!q) {
        q = [];
        this.queues.set(examCode, q);
        setImmediate(() => void this.flush(examCode));
      }
      q.push({ userId, resolve, reject });
    });
  }

  private async flush(examCode: string): Promise<void> {
    const batch = this.queues.get(examCode) ?? [];
    this.queues.delete(examCode);
    try {
      const rows = await this.run(examCode, batch.map((w) => w.userId));
      const byUser = new Map(rows.map((r) => [r.user_id, r]));
      const ids = rows.flatMap((r) => (r.existing ? [r.existing] : r.claimed ? [r.claimed] : []));
      // One read for the whole batch, in an identity map of its own (read-only from here on).
      const sessions = new Map(ids.length ? (await this.orm.em.fork().find(Session, { id: { $in: ids } }, { populate: ['product'] })).map((s) => [s.id, s]) : []);
      for (const w of batch) {
        const r = byUser.get(w.userId);
        const id = r?.existing ?? r?.claimed;
        const session = id ? sessions.get(id) : undefined;
        w.resolve(session ? { session, claimed: !r?.existing } : null);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  private run(examCode: string, userIds: string[]): Promise<{ user_id: string; existing: string | null; claimed: string | null }[]> {
    return this.orm.em.fork().execute(
      `with exam as (
         select e.id, e.product_id from exams e join products p on p.id = e.product_id
          where e.code = ? and e.ends_at > now() and p.is_active),
       req as (select u as user_id, ord from unnest(?::uuid[]) with ordinality as r(u, ord)),
       seat as (
         select req.ord, req.user_id, c.sticky_until from req join exam_candidates c on c.user_id = req.user_id and c.exam_id = (select id from exam)
          for update of c skip locked),
       mine as (
         select distinct on (s.owner_id) s.owner_id, s.id from sessions s
          where s.exam_id = (select id from exam) and s.owner_id in (select user_id from seat) and s.state in ('PENDING','PROVISIONING','READY')
          order by s.owner_id, s.created_at desc),
       want as (
         select seat.user_id, row_number() over (order by seat.ord) as n from seat
          where not exists (select 1 from mine where mine.owner_id = seat.user_id) and not coalesce(seat.sticky_until > now(), false)),
       avail as (
         select s2.id, s2.worker_id from sessions s2 join workers w on w.id = s2.worker_id
          where s2.state = 'WARM' and s2.owner_id is null and s2.product_id = (select product_id from exam)
            and (s2.exam_id = (select id from exam) or s2.exam_id is null) and ${eligibleSql('(select product_id from exam)')}
          order by (s2.exam_id is null), s2.created_at
          limit (select count(*) from want)
          for update of s2 skip locked),
       numbered as (select id, worker_id, row_number() over () as n from avail),
       claimed as (
         update sessions s set owner_id = want.user_id, exam_id = (select id from exam), state = 'READY', ready_at = now(), updated_at = now(),
                expires_at = (select case when p.duration_minutes > 0 then now() + make_interval(mins => p.duration_minutes) end from products p where p.id = s.product_id)
           from numbered join want on want.n = numbered.n
          where s.id = numbered.id
          returning s.id, s.owner_id, s.worker_id),
       sticky as (
         update exam_candidates c set sticky_worker_id = claimed.worker_id, sticky_until = now() + make_interval(secs => ?)
           from claimed where c.exam_id = (select id from exam) and c.user_id = claimed.owner_id)
       select req.user_id,
              (select id from mine where mine.owner_id = req.user_id) as existing,
              (select id from claimed where claimed.owner_id = req.user_id) as claimed
         from req`,
      [examCode, `{${userIds.join(',')}}`, this.heartbeatTtlSec, this.stickyTtlSec],
    );
  }
}
