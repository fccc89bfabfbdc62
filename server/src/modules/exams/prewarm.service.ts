import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Exam } from './exam.entity.js';
import type { PrewarmProgress } from './exams.types.js';
import { ExamsError, ExamsErrorCode } from './exams.errors.js';
import { Product } from '../products/product.entity.js';
import { Session } from '../sessions/session.entity.js';
import { SessionState, STARTING_STATES } from '../sessions/session-state.js';
import { DrainStatus, WorkerStatus } from '../workers/worker.entity.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SessionProvisioningService } from '../sessions/session-provisioning.service.js';
import { NoCapacityError } from '../placement/placement.errors.js';
import type { WorkerCommandsService } from '../workers/worker-commands.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { Topic, type AppPubSub, type TopicPayloads } from '../../graphql/pubsub.js';
import { BadInputError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { PeriodicTask } from '../../shared/periodic-task.js';
import { examHeadcount } from './exam-headcount.js';
import { warmWanted } from './warm-wanted.js';
import { pgArray } from '../../db/pg-array.js';
import type { Logger } from '../../observability/logger.js';

const ADVISORY_LOCK = 0x76_64_69_02;
/** Unowned desktops a warm pool counts: being made, or warm. */
const POOL_STATES: readonly SessionState[] = [...STARTING_STATES, SessionState.WARM];
/** A pool stops growing when this many of its warm desktops failed in the last 10 minutes. */
const FAILURE_BRAKE = 3;

/**
 * How every failure reason written by "Reconcile now" ends. Those desktops were failed by the
 * reconcile (their container vanished, or they were stuck), not by their image: they do not brake
 * the pool, or a reconcile would block the very refill it reports.
 */
export const RECONCILE_MARK = ' (reconcile)';

/** A warm pool: an exam's, or a product-wide one (examId null). */
interface Pool {
  examId: string | null;
  productId: string;
  target: number;
}

/**
 * Keeps warm pools at their targets. Each pass (every loop interval, and soon after a warm
 * desktop changes) runs under a PostgreSQL advisory lock so one replica does it: it removes warm
 * desktops on draining or disabled workers, of ended exams and above target, then creates the
 * missing ones, at most VDI_PREWARM_CONCURRENCY in flight and VDI_PREWARM_MAX kept in all.
 */
export class PrewarmService {
  private readonly task: PeriodicTask;
  private readonly blocked = new Map<string, string>();
  /** Failures before a pool's last prewarm call do not brake it (the operator asked to retry). */
  private readonly retryFrom = new Map<string, Date>();
  private kickTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly limits: { concurrency: number; max: number },
    private readonly sessions: SessionsService,
    private readonly provisioning: SessionProvisioningService,
    private readonly commands: WorkerCommandsService,
    private readonly audit: AuditService,
    private readonly pubsub: AppPubSub,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask('prewarm pass', intervalMs, () => this.pass(), logger);
  }

  /**
   * A session changed (the SESSION_CHANGED domain event, wired by the composition root): a warm
   * desktop changed, or a candidate took one (its pool is one short): progress moved, refill.
   */
  sessionChanged(s: TopicPayloads[Topic.SESSION_CHANGED]): void {
    if (s.ownerId && !s.examId) return;
    this.pubsub.publish(Topic.PREWARM_PROGRESS, { examId: s.examId, productId: s.productId });
    this.kick();
  }

  start(): void {
    this.task.start();
  }

  /** One pass now (after any in progress). */
  run(): Promise<void> {
    return this.task.run();
  }

  /** Sets a pool's target (staff) and starts filling it; returns its progress. */
  async prewarm(em: EntityManager, viewer: Viewer, examId: string | null, productId: string | null, count: number): Promise<PrewarmProgress> {
    const asked = check.int('count', count, 0, 100_000);
    const target = Math.min(asked, this.limits.max);
    let pool: Pool;
    if (examId) {
      const exam = await em.findOne(Exam, { id: check.id('examId', examId) });
      if (!exam) throw new ExamsError(ExamsErrorCode.NOT_FOUND, `Exam ${examId} not found`, { id: examId });
      if (productId && check.id('productId', productId) !== exam.product.id) throw new BadInputError('productId', 'is not the product of this exam');
      exam.prewarmTarget = target;
      pool = { examId: exam.id, productId: exam.product.id, target };
    } else if (productId) {
      const product = await em.findOne(Product, { id: check.id('productId', productId) });
      if (!product) throw new BadInputError('productId', 'names no product');
      product.prewarmTarget = target;
      pool = { examId: null, productId: product.id, target };
    } else {
      throw new BadInputError('examId', 'give examId or productId');
    }
    this.audit.record(em, viewer, 'prewarm', pool.examId ? 'exam' : 'product', pool.examId ?? pool.productId, { asked, target });
    await em.flush();
    this.blocked.delete(key(pool));
    this.retryFrom.set(key(pool), new Date());
    await this.run();
    return { ...(await this.progress(em.fork(), pool)), capped: asked > target };
  }

  /** Where a pool stands now. */
  async progress(em: EntityManager, pool: Pool): Promise<PrewarmProgress> {
    const [row] = await em.execute<{ warm: string; inflight: string; failed: string }[]>(
      `select count(*) filter (where state = ?) as warm,
              count(*) filter (where state = any(?::text[])) as inflight,
              count(*) filter (where state = ? and ended_at > now() - interval '1 hour') as failed
         from sessions where owner_id is null and product_id = ? and exam_id is not distinct from ?`,
      [SessionState.WARM, pgArray(STARTING_STATES), SessionState.FAILED, pool.productId, pool.examId],
    );
    const warm = Number(row?.warm ?? 0);
    const provisioning = Number(row?.inflight ?? 0);
    const wanted = pool.examId ? await this.examWanted(em, pool.examId, pool.target) : pool.target;
    return {
      examId: pool.examId,
      productId: pool.productId,
      target: pool.target,
      capped: false,
      warm,
      provisioning,
      failed: Number(row?.failed ?? 0),
      missing: Math.max(0, wanted - warm - provisioning),
      blockedReason: this.blocked.get(key(pool)) ?? null,
    };
  }

  /** The warm desktops an exam's pool keeps now: its target, less the candidates already seated (warmWanted). */
  private async examWanted(em: EntityManager, examId: string, target: number): Promise<number> {
    const headcount = await examHeadcount(em, examId);
    return headcount ? warmWanted({ target, ...headcount }) : target;
  }

  /** The progress of an exam's pool, or a product's. */
  async progressOf(em: EntityManager, examId: string | null, productId: string | null): Promise<PrewarmProgress> {
    if (examId) {
      const exam = await em.findOne(Exam, { id: check.id('examId', examId) });
      if (!exam) throw new ExamsError(ExamsErrorCode.NOT_FOUND, `Exam ${examId} not found`, { id: examId });
      return this.progress(em, { examId: exam.id, productId: exam.product.id, target: exam.endsAt > new Date() ? exam.prewarmTarget : 0 });
    }
    const product = productId ? await em.findOne(Product, { id: check.id('productId', productId) }) : null;
    if (!product) throw new BadInputError('productId', 'give an examId or a productId that exists');
    return this.progress(em, { examId: null, productId: product.id, target: product.prewarmTarget });
  }

  /** Pools below their target now, with a label for people (the exam code or product name). */
  async shortPools(em: EntityManager): Promise<(PrewarmProgress & { label: string })[]> {
    const out: (PrewarmProgress & { label: string })[] = [];
    for (const pool of await this.pools(em)) {
      const p = await this.progress(em, pool);
      if (p.missing === 0) continue;
      const [row] = await em.execute<{ label: string }[]>(
        pool.examId ? `select 'exam ' || code as label from exams where id = ?` : `select 'product ' || name as label from products where id = ?`,
        [pool.examId ?? pool.productId],
      );
      out.push({ ...p, label: row?.label ?? pool.productId });
    }
    return out;
  }

  /** Runs a pass soon, coalescing bursts of changes into one. */
  private kick(): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      void this.run();
    }, 50);
    this.kickTimer.unref();
  }

  private async pass(): Promise<void> {
    const after: (() => void)[] = [];
    await this.orm.em.fork().transactional(async (tx) => {
      const [{ locked }] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(?) as locked`, [ADVISORY_LOCK]);
      if (!locked) return;
      const pools = await this.pools(tx);
      await this.removeUnwanted(tx, pools, after);
      await this.fill(tx, pools, after);
    });
    for (const fn of after) fn();
  }

  private async pools(tx: EntityManager): Promise<Pool[]> {
    const rows = await tx.execute<{ exam_id: string | null; product_id: string; target: number }[]>(
      `select e.id as exam_id, e.product_id, e.prewarm_target as target from exams e where e.prewarm_target > 0 and e.ends_at > now()
       union all
       select null, p.id, p.prewarm_target from products p where p.prewarm_target > 0 and p.is_active
       order by 1 nulls last`,
    );
    return rows.map((r) => ({ examId: r.exam_id, productId: r.product_id, target: r.target }));
  }

  /** Unowned desktops on draining/disabled workers, of ended exams or inactive products, or above their pool's target: stopped. */
  private async removeUnwanted(tx: EntityManager, pools: Pool[], after: (() => void)[]): Promise<void> {
    const rows = await tx.execute<{ id: string }[]>(
      `with targets as (select * from jsonb_to_recordset(?::jsonb) as t("examId" uuid, "productId" uuid, target int)),
       ranked as (
         select s.id, w.status, w.drain_status, t.target,
                row_number() over (partition by s.product_id, s.exam_id order by (s.state = ?) desc, s.created_at) as n
           from sessions s join workers w on w.id = s.worker_id
           left join targets t on t."productId" = s.product_id and t."examId" is not distinct from s.exam_id
          where s.owner_id is null and s.state = any(?::text[]))
       select id from ranked where status = ? or drain_status <> ? or target is null or n > target`,
      [JSON.stringify(pools), SessionState.WARM, pgArray(POOL_STATES), WorkerStatus.DISABLED, DrainStatus.NONE],
    );
    if (rows.length === 0) return;
    const doomed = await tx.find(Session, { id: { $in: rows.map((r) => r.id) } }, { populate: ['product'] });
    for (const s of doomed) {
      await this.sessions.transition(tx, s, SessionState.STOPPING);
      this.commands.enqueueStop(tx, s.worker!.id, s);
      after.push(() => {
        this.commands.announce(s.worker!.id);
        this.sessions.published(s);
      });
    }
    this.logger.info({ sessions: doomed.length }, 'removed warm desktops (draining worker, ended exam or above target)');
  }

  private async fill(tx: EntityManager, pools: Pool[], after: (() => void)[]): Promise<void> {
    const [totals] = await tx.execute<{ inflight: string; kept: string }[]>(
      `select count(*) filter (where state = any(?::text[])) as inflight, count(*) as kept
         from sessions where owner_id is null and state = any(?::text[])`,
      [pgArray(STARTING_STATES), pgArray(POOL_STATES)],
    );
    let inflight = Number(totals!.inflight);
    let kept = Number(totals!.kept);
    for (const pool of pools) {
      const k = key(pool);
      const brake = await this.failureBrake(tx, pool);
      if (brake) {
        this.blocked.set(k, brake);
        continue;
      }
      const p = await this.progress(tx, pool);
      if (p.missing > 0 && kept >= this.limits.max) {
        this.blocked.set(k, `VDI_PREWARM_MAX reached: ${kept} warm desktops kept in all`);
        continue;
      }
      this.blocked.delete(k);
      const product = await tx.findOneOrFail(Product, { id: pool.productId });
      for (let i = 0; i < p.missing && inflight < this.limits.concurrency && kept < this.limits.max; i++) {
        try {
          const placed = await this.provisioning.placeFree(tx, { product, exam: pool.examId ? { id: pool.examId } : null, ownerId: null, prefer: null });
          after.push(placed.announce);
          inflight++;
          kept++;
        } catch (err) {
          if (!(err instanceof NoCapacityError)) throw err;
          this.blocked.set(k, `no capacity: ${err.message}`);
          break;
        }
      }
    }
  }

  /** Why the pool must not grow now: too many of its desktops failed lately (not counting those reconcile failed); null when it may. */
  private async failureBrake(tx: EntityManager, pool: Pool): Promise<string | null> {
    const rows = await tx.execute<{ failure_reason: string | null }[]>(
      `select failure_reason from sessions where owner_id is null and product_id = ? and exam_id is not distinct from ?
          and state = ? and ended_at > greatest(now() - interval '10 minutes', ?)
          and coalesce(failure_reason, '') not like '%' || ? order by ended_at desc limit ?`,
      [pool.productId, pool.examId, SessionState.FAILED, this.retryFrom.get(key(pool)) ?? new Date(0), RECONCILE_MARK, FAILURE_BRAKE],
    );
    if (rows.length < FAILURE_BRAKE) return null;
    return `${FAILURE_BRAKE} warm desktops failed in the last 10 minutes (last: ${rows[0]!.failure_reason ?? 'no reason'}); prewarm again to retry`;
  }

  dispose(): Promise<void> {
    clearTimeout(this.kickTimer);
    return this.task.dispose();
  }
}

function key(pool: { examId: string | null; productId: string }): string {
  return `${pool.examId ?? '-'}:${pool.productId}`;
}
