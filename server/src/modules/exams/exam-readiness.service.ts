import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExamReadiness, ExamWorkerReadiness } from './exams.types.js';
import type { ExamsService } from './exams.service.js';
import type { WorkersService } from '../workers/workers.service.js';
import { WorkerStatus } from '../workers/worker.entity.js';
import { judgeWorker, PlacementRefusal } from '../placement/placement-eligibility.js';
import { productScope } from '../placement/product-scope.js';
import { SessionState, STARTING_STATES } from '../sessions/session-state.js';
import { SEATED_STATES } from './seated-states.js';
import { warmWanted } from './warm-wanted.js';
import { examHeadcount } from './exam-headcount.js';
import { pgArray } from '../../db/pg-array.js';

/** Desktops an exam's readiness counts: being made, warm, or a candidate's. */
const COUNTED_STATES: readonly SessionState[] = [...STARTING_STATES, SessionState.WARM, SessionState.READY];

/**
 * Go / no-go for an exam (the T-15 checklist): enough warm desktops, enough capacity for
 * every expected candidate, and no worker the exam counts on stale or draining.
 */
export class ExamReadinessService {
  constructor(
    private readonly exams: ExamsService,
    private readonly workers: WorkersService,
  ) {}

  async readiness(em: EntityManager, examId: string): Promise<ExamReadiness> {
    const exam = await this.exams.get(em, examId);
    const productId = exam.product.id;
    const [fleet, scope, headcount, counts] = await Promise.all([
      this.workers.list(em.fork()),
      productScope(em.fork(), productId),
      examHeadcount(em.fork(), exam.id),
      em.fork().execute<{ worker_id: string; warm: string; inflight: string; seated: string }[]>(
        `select worker_id,
                count(*) filter (where owner_id is null and state = ?) as warm,
                count(*) filter (where owner_id is null and state = any(?::text[])) as inflight,
                count(*) filter (where owner_id is not null and exam_id = ? and state = any(?::text[])) as seated
           from sessions
          where product_id = ? and (exam_id = ? or (exam_id is null and owner_id is null)) and worker_id is not null
            and state = any(?::text[])
          group by worker_id`,
        [SessionState.WARM, pgArray(STARTING_STATES), exam.id, pgArray(SEATED_STATES), productId, exam.id, pgArray(COUNTED_STATES)],
      ),
    ]);
    const byWorker = new Map(counts.map((c) => [c.worker_id, { warm: Number(c.warm), inflight: Number(c.inflight), seated: Number(c.seated) }]));
    const reasons: string[] = [];
    const rows: ExamWorkerReadiness[] = [];
    let warm = 0;
    let provisioning = 0;
    let slotsAvailable = 0;
    for (const worker of fleet) {
      const c = byWorker.get(worker.id) ?? { warm: 0, inflight: 0, seated: 0 };
      const v = judgeWorker(worker, scope);
      // A full worker still serves its warm desktops and seated candidates.
      const usable = v.eligible || v.refusal === PlacementRefusal.NO_FREE_SLOT;
      const mapped = scope.workerIds.size === 0 || scope.workerIds.has(worker.id);
      if (usable) {
        warm += c.warm;
        provisioning += c.inflight;
        slotsAvailable += worker.slotsAvailable;
      }
      rows.push({
        worker,
        eligible: v.eligible,
        reason: v.reason,
        refusal: v.refusal,
        warm: c.warm,
        seated: c.seated,
        slotsAvailable: usable ? worker.slotsAvailable : 0,
        shortfall: usable || !mapped ? 0 : worker.slotsAvailable + c.warm,
      });
      if (!usable && mapped && worker.status === WorkerStatus.ACTIVE && v.refusal !== PlacementRefusal.DRAINED)
        reasons.push(`worker ${worker.code}: ${v.reason}`);
    }
    // The figures the Prewarm card reads too, so both size the pool alike. `seated` counts every
    // candidate of the exam with a desktop, on any worker: it can exceed the per-worker column's sum
    // only when the exam's product changed after candidates sat down.
    const { rosterSize, seated } = headcount ?? { rosterSize: 0, seated: 0 };
    const capacityShortfall = Math.max(0, exam.expectedCandidates - seated - warm - provisioning - slotsAvailable);
    if (exam.endsAt <= new Date()) reasons.unshift('the exam has ended');
    if (!exam.product.isActive) reasons.unshift(`product ${exam.product.name} is inactive`);
    if (capacityShortfall > 0) reasons.unshift(`capacity: ${capacityShortfall} of ${exam.expectedCandidates} expected candidates would find no desktop`);
    // Seated candidates need no warm desktop any more: the pool keeps what is still to come.
    const wanted = warmWanted({ target: exam.prewarmTarget, expectedCandidates: exam.expectedCandidates, rosterSize, seated });
    if (warm < wanted)
      reasons.unshift(
        `warm desktops: ${warm} of ${wanted} ready${provisioning ? ` (${provisioning} being created)` : ''}${wanted < exam.prewarmTarget ? ` (target ${exam.prewarmTarget}, less ${seated} seated)` : ''}`,
      );
    return {
      exam,
      go: reasons.length === 0,
      reasons,
      expectedCandidates: exam.expectedCandidates,
      rosterSize,
      seated,
      warm,
      provisioning,
      prewarmTarget: exam.prewarmTarget,
      warmWanted: wanted,
      slotsAvailable,
      capacityShortfall,
      workers: rows,
    };
  }
}
