import type { EntityManager } from '@mikro-orm/postgresql';
import { Exam } from './exam.entity.js';
import { ExamsError, ExamsErrorCode } from './exams.errors.js';
import { Session } from '../sessions/session.entity.js';
import { Product } from '../products/product.entity.js';
import { SessionState } from '../sessions/session-state.js';
import { sessionMove } from '../sessions/session-state-machine.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SessionProvisioningService } from '../sessions/session-provisioning.service.js';
import type { PlacementService } from '../placement/placement.service.js';
import { refusalSeenBy } from '../placement/placement.errors.js';
import type { Viewer } from '../../shared/viewer.js';
import type { WarmClaimBatcher } from './warm-claim-batcher.js';
import { SEATED_STATES } from './seated-states.js';
import { check } from '../../shared/validate.js';
import { pgArray } from '../../db/pg-array.js';

/** A warm desktop handed to a candidate, checked against the sessions table. */
const CLAIM = sessionMove(SessionState.WARM, SessionState.READY);

/**
 * Seats candidates: `joinExam` gives a candidate on the roster their desktop — the one they
 * already have, else a warm one (their sticky worker's first), else a new one on their sticky
 * worker or the least-loaded eligible worker. One candidate's concurrent joins are serialised by
 * their roster row lock, so a double click never seats anyone twice.
 */
export class ExamSeatingService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly provisioning: SessionProvisioningService,
    private readonly placement: PlacementService,
    private readonly batcher: WarmClaimBatcher,
    private readonly stickyTtlSec: number,
  ) {}

  /**
   * Seats the candidate. `em` is asked for only when the batched fast path cannot answer: a burst
   * of joins then makes no entity manager at all.
   */
  async join(em: () => EntityManager, viewer: Viewer, examCode: string): Promise<Session> {
    if (viewer?.kind !== 'user') throw new ExamsError(ExamsErrorCode.FORBIDDEN, 'Only candidates join exams');
    const code = check.text('examCode', examCode, 64);
    const fast = await this.batcher.claim(viewer.id, code);
    if (fast) {
      if (fast.claimed) this.sessions.published(fast.session);
      return fast.session;
    }
    try {
      return await this.joinOne(em(), viewer.id, code);
    } catch (err) {
      // A candidate learns that no desktop is free, not which machines are full or why.
      throw refusalSeenBy(viewer, err);
    }
  }

  /** The full join, one candidate at a time: exact errors, sticky workers, cold placement. */
  private async joinOne(em: EntityManager, userId: string, code: string): Promise<Session> {
    let announce: (() => void) | null = null;
    let changed = true;
    const id = await em.transactional(async (tx) => {
      const [seat] = await tx.execute<{ candidate_id: string; exam_id: string; product_id: string; ends_at: Date; active: boolean; sticky: string | null }[]>(
        `select c.id as candidate_id, e.id as exam_id, e.product_id, e.ends_at, p.is_active as active,
                case when c.sticky_until > now() then c.sticky_worker_id end as sticky
           from exams e join exam_candidates c on c.exam_id = e.id and c.user_id = ? join products p on p.id = e.product_id
          where e.code = ? for update of c`,
        [userId, code],
      );
      if (!seat) {
        const exists = await tx.count(Exam, { code });
        if (!exists) throw new ExamsError(ExamsErrorCode.NOT_FOUND, `No exam with code "${code}"`, { examCode: code });
        throw new ExamsError(ExamsErrorCode.FORBIDDEN, `You are not on the roster of exam "${code}"`, { examCode: code });
      }
      if (new Date(seat.ends_at) <= new Date()) throw new ExamsError(ExamsErrorCode.EXAM_CLOSED, `Exam "${code}" has ended`, { examCode: code });
      if (!seat.active) throw new ExamsError(ExamsErrorCode.EXAM_CLOSED, `The desktop product of exam "${code}" is inactive`, { examCode: code });
      const [mine] = await tx.execute<{ id: string }[]>(
        `select id from sessions where exam_id = ? and owner_id = ? and state = any(?::text[]) order by created_at desc limit 1`,
        [seat.exam_id, userId, pgArray(SEATED_STATES)],
      );
      if (mine) {
        changed = false;
        return mine.id;
      }
      const warm = await this.placement.claimWarm(tx, { productId: seat.product_id, examId: seat.exam_id, ownerId: userId, prefer: seat.sticky, move: CLAIM });
      let placed = warm;
      if (!placed) {
        const product = await tx.findOneOrFail(Product, { id: seat.product_id });
        const cold = await this.provisioning.placeFree(tx, { product, exam: { id: seat.exam_id }, ownerId: userId, prefer: seat.sticky });
        announce = cold.announce;
        placed = { id: cold.session.id, workerId: cold.session.worker!.id };
      }
      await tx.execute(`update exam_candidates set sticky_worker_id = ?, sticky_until = now() + make_interval(secs => ?) where id = ?`, [
        placed.workerId,
        this.stickyTtlSec,
        seat.candidate_id,
      ]);
      return placed.id;
    });
    const session = await em.fork().findOneOrFail(Session, { id }, { populate: ['product'] });
    if (announce) (announce as () => void)();
    else if (changed) this.sessions.published(session);
    return session;
  }
}
