import type { EntityManager } from '@mikro-orm/postgresql';
import { Session, type DesktopConnection } from './session.entity.js';
import { SessionState, TERMINAL_STATES } from './session-state.js';
import { assertTransition } from './session-state-machine.js';
import { SessionError, SessionErrorCode } from './sessions.errors.js';
import { hasRole, isStaff, type Viewer } from '../../shared/viewer.js';
import { Role } from '../../shared/role.js';
import { CoinEntryKind, CoinLedgerEntry } from '../coins/coin-ledger-entry.entity.js';
import { Topic, type AppPubSub, type TopicPayloads } from '../../graphql/pubsub.js';
import { check } from '../../shared/validate.js';
import { cursors, toConnection, type ConnectionShape } from '../../shared/pagination.js';
import type { SecretBox } from '../../shared/secret-box.js';

/** Filters of the staff session list. */
export interface SessionFilter {
  state?: SessionState;
  workerId?: string;
  examId?: string;
  flagged?: boolean;
}

/** What the sessions page shows beside each desktop: product name, owner, worker code, exam code. */
const LIST_POPULATE = ['product', 'owner', 'worker', 'exam'] as const;

/** Reading sessions with ownership rules, and the one place their state changes. */
export class SessionsService {
  constructor(
    private readonly pubsub: AppPubSub,
    private readonly secrets: SecretBox,
  ) {}

  /** A session the viewer may see (own, or any for staff); NOT_FOUND otherwise, so ids do not leak. */
  async get(em: EntityManager, viewer: Viewer, id: string): Promise<Session> {
    return this.visible(viewer, id, await em.findOne(Session, { id: check.id('id', id) }, { populate: LIST_POPULATE }));
  }

  /**
   * The session's own row, without its product, owner, worker or exam rows (a viewer's checks that
   * need none of them: the desktop ticket asked by every candidate at doors-open); NOT_FOUND as `get`.
   */
  async getRow(em: EntityManager, viewer: Viewer, id: string): Promise<Session> {
    return this.visible(viewer, id, await em.findOne(Session, { id: check.id('id', id) }));
  }

  /** The session when the viewer may see it; NOT_FOUND when there is none or it is another's. */
  private visible(viewer: Viewer, id: string, session: Session | null): Session {
    if (!session || !this.canSee(viewer, session)) throw new SessionError(SessionErrorCode.NOT_FOUND, `Session ${id} not found`, { id });
    return session;
  }

  /** The viewer's own sessions, newest first. */
  mine(em: EntityManager, viewer: Viewer): Promise<Session[]> {
    if (viewer?.kind !== 'user') return Promise.resolve([]);
    return em.find(Session, { owner: viewer.id }, { orderBy: { createdAt: 'desc', id: 'desc' }, populate: LIST_POPULATE, limit: 500 });
  }

  /** Every session, filtered, newest first (staff). */
  async list(em: EntityManager, filter: SessionFilter, first: number | undefined, after: string | undefined): Promise<ConnectionShape<Session>> {
    const size = cursors.size(first);
    const cursor = cursors.decode(after);
    const where: Record<string, unknown> = {};
    if (filter.state) where.state = filter.state;
    if (filter.workerId) where.worker = check.id('workerId', filter.workerId);
    if (filter.examId) where.exam = check.id('examId', filter.examId);
    if (filter.flagged !== undefined) where.attention = filter.flagged ? { $ne: null } : null;
    const page = cursor
      ? { ...where, $or: [{ createdAt: { $lt: new Date(cursor.key) } }, { createdAt: new Date(cursor.key), id: { $lt: cursor.id } }] }
      : where;
    const [rows, total] = await Promise.all([
      em.find(Session, page, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1, populate: LIST_POPULATE }),
      em.count(Session, where),
    ]);
    return toConnection(rows, size, total, (s) => s.createdAt.toISOString());
  }

  /**
   * Moves a session through the state machine (ILLEGAL_STATE_TRANSITION otherwise), stamps
   * readyAt / endedAt, and flushes `em`. It runs inside the caller's transaction, so the caller
   * tells subscribers (`published`) once that commits.
   */
  async transition(em: EntityManager, session: Session, to: SessionState, patch: { failureReason?: string } = {}): Promise<Session> {
    session.state = assertTransition(session.state, to);
    if (to === SessionState.READY) session.readyAt = new Date();
    if (TERMINAL_STATES.includes(to)) {
      session.endedAt = new Date();
      session.slotNo = null;
    }
    if (patch.failureReason) session.failureReason = patch.failureReason.slice(0, 2000);
    await em.flush();
    return session;
  }

  /** Stores connection details; the password is sealed before it reaches the database. */
  setConnection(session: Session, c: DesktopConnection): void {
    session.connectionProtocol = c.protocol;
    session.connectionHost = c.host ?? null;
    session.connectionPort = c.port ?? null;
    session.connectionUsername = c.username ?? null;
    session.connectionPasswordEnc = c.password ? this.secrets.seal(c.password) : null;
  }

  /** Connection details for the owner and admins; null for everyone else and before they exist. */
  connectionFor(viewer: Viewer, session: Session): DesktopConnection | null {
    if (!session.connectionProtocol) return null;
    const isOwner = viewer?.kind === 'user' && ownerId(session) === viewer.id;
    if (!isOwner && !hasRole(viewer, Role.ADMIN)) return null;
    return {
      protocol: session.connectionProtocol,
      host: session.connectionHost,
      port: session.connectionPort,
      username: session.connectionUsername,
      password: session.connectionPasswordEnc ? this.secrets.open(session.connectionPasswordEnc) : null,
    };
  }

  /** Own sessions; every session for staff. */
  canSee(viewer: Viewer, session: Session): boolean {
    return (viewer?.kind === 'user' && ownerId(session) === viewer.id) || isStaff(viewer);
  }

  /**
   * Coins given back for a failed desktop, as the ledger says (owner and ADMIN; null for others, and
   * when nothing was refunded): the owner's "my desktops" shows it beside the failure reason.
   */
  async refundedCoins(em: EntityManager, viewer: Viewer, session: Session): Promise<number | null> {
    if (session.state !== SessionState.FAILED && session.state !== SessionState.EXPIRED) return null;
    const isOwner = viewer?.kind === 'user' && ownerId(session) === viewer.id;
    if (!isOwner && !hasRole(viewer, Role.ADMIN)) return null;
    const refund = await em.findOne(CoinLedgerEntry, { sessionId: session.id, kind: CoinEntryKind.REFUND }, { fields: ['delta'] });
    return refund?.delta ?? null;
  }

  /**
   * Announces a change (call after the change is committed): subscribers of this session, and the
   * SESSION_CHANGED domain event in this process (the warm pool refills when a warm desktop changes).
   */
  published(session: Session): void {
    const row = { sessionId: session.id, ownerId: ownerId(session), examId: session.exam?.id ?? null, productId: session.product.id };
    this.pubsub.deliverLocal(Topic.SESSION_CHANGED, row);
    this.publishedRows([row]);
  }

  /** Announces changes made set-based in SQL (no entities loaded). */
  publishedRows(rows: TopicPayloads[Topic.SESSION_UPDATED][]): void {
    for (const r of rows) this.pubsub.publish(Topic.SESSION_UPDATED, r);
    if (rows.length) this.pubsub.publish(Topic.CLUSTER_SUMMARY_CHANGED, { at: new Date() });
  }
}

function ownerId(session: Session): string | null {
  return session.owner ? session.owner.id : null;
}
