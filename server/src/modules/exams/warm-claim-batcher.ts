import type { MikroORM } from '@mikro-orm/postgresql';
import { eligibleSql } from '../placement/placement.service.js';
import { Product } from '../products/product.entity.js';
import { Session } from '../sessions/session.entity.js';
import { SessionState } from '../sessions/session-state.js';
import { sessionMove } from '../sessions/session-state-machine.js';
import { SEATED_STATES } from './seated-states.js';
import { readOnlyView } from '../../db/read-only-view.js';
import { pgArray } from '../../db/pg-array.js';
import { preparedStatement, runPrepared } from '../../db/prepared-statement.js';

const PRODUCT_CACHE_MS = 2000;
/** What a batch does to each warm desktop it hands out, checked against the sessions table. */
const WARM_CLAIM = sessionMove(SessionState.WARM, SessionState.READY);

/**
 * One batch of joins to one exam: exam code, the candidates' user ids (in order), the seated
 * states, the claim's from-state (WARM), heartbeat TTL, its to-state (READY), sticky TTL. Each
 * candidate gets one row: `was_claimed` and the session's columns, or nulls.
 */
const CLAIM = preparedStatement(`with exam as (
     select e.id, e.product_id from exams e join products p on p.id = e.product_id
      where e.code = ? and e.ends_at > now() and p.is_active),
   req as (select u as user_id, ord from unnest(?::uuid[]) with ordinality as r(u, ord)),
   seat as (
     select req.ord, req.user_id, c.sticky_until from req join exam_candidates c on c.user_id = req.user_id and c.exam_id = (select id from exam)
      for update of c skip locked),
   mine as (
     select distinct on (s.owner_id) s.* from sessions s
      where s.exam_id = (select id from exam) and s.owner_id in (select user_id from seat) and s.state = any(?::text[])
      order by s.owner_id, s.created_at desc),
   want as (
     select seat.user_id, row_number() over (order by seat.ord) as n from seat
      where not exists (select 1 from mine where mine.owner_id = seat.user_id) and not coalesce(seat.sticky_until > now(), false)),
   avail as (
     select s2.id, s2.worker_id from sessions s2 join workers w on w.id = s2.worker_id
      where s2.state = ? and s2.owner_id is null and s2.product_id = (select product_id from exam)
        and (s2.exam_id = (select id from exam) or s2.exam_id is null) and ${eligibleSql('(select product_id from exam)')}
      order by (s2.exam_id is null), s2.created_at
      limit (select count(*) from want)
      for update of s2 skip locked),
   pairs as (
     -- The n-th warm desktop to the n-th candidate, zipped in one pass (a join on n would
     -- compare every pair: the planner cannot know these row counts).
     select p.session_id, p.user_id from unnest(
       (select array_agg(id order by n) from (select id, row_number() over () as n from avail) a),
       (select array_agg(user_id order by n) from want)) as p(session_id, user_id)
      where p.session_id is not null and p.user_id is not null),
   claimed as (
     update sessions s set owner_id = pairs.user_id, exam_id = (select id from exam), state = ?, ready_at = now(), updated_at = now(),
            expires_at = (select case when p.duration_minutes > 0 then now() + make_interval(mins => p.duration_minutes) end from products p where p.id = s.product_id)
       from pairs
      where s.id = pairs.session_id
      returning s.*),
   sticky as (
     update exam_candidates c set sticky_worker_id = claimed.worker_id, sticky_until = now() + make_interval(secs => ?)
       from claimed where c.exam_id = (select id from exam) and c.user_id = claimed.owner_id),
   served as (select false as was_claimed, mine.* from mine union all select true, claimed.* from claimed)
   select req.user_id, served.* from req left join served on served.owner_id = req.user_id`);

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
  private cached: { product: Product; at: number } | undefined;

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
      const rows = await this.run(
        examCode,
        batch.map((w) => w.userId),
      );
      const byUser = new Map(rows.map((r) => [r.user_id, r]));
      // The statement returned the sessions themselves: answered as read-only views, with the
      // exam's one product (read at most PRODUCT_CACHE_MS ago) shown for all of them.
      const productId = rows.find((r) => r.id)?.product_id;
      const product = productId ? await this.product(productId) : undefined;
      for (const w of batch) {
        const r = byUser.get(w.userId);
        w.resolve(r?.id ? { session: readOnlyView(this.orm, Session, r, { product }), claimed: r.was_claimed } : null);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** The exam's product as read at most PRODUCT_CACHE_MS ago (what the answer shows of it). */
  private async product(id: string): Promise<Product> {
    if (this.cached?.product.id === id && Date.now() - this.cached.at < PRODUCT_CACHE_MS) return this.cached.product;
    const product = await this.orm.em.fork().findOneOrFail(Product, id);
    this.cached = { product, at: Date.now() };
    return product;
  }

  private run(
    examCode: string,
    userIds: string[],
  ): Promise<({ user_id: string; was_claimed: boolean; id: string | null; product_id: string } & Record<string, unknown>)[]> {
    const seated = pgArray(SEATED_STATES);
    return runPrepared(this.orm.em.fork(), CLAIM, [
      examCode,
      pgArray(userIds),
      seated,
      WARM_CLAIM.from,
      this.heartbeatTtlSec,
      WARM_CLAIM.to,
      this.stickyTtlSec,
    ]);
  }
}
