import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { DeadlockException, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Session, type DesktopConnection } from './session.entity.js';
import { SessionState, TERMINAL_STATES } from './session-state.js';
import { SessionError, SessionErrorCode } from './sessions.errors.js';
import type { SessionsService } from './sessions.service.js';
import { Product, ProvisionAction } from '../products/product.entity.js';
import { CoinEntryKind, CoinLedgerEntry } from '../coins/coin-ledger-entry.entity.js';
import type { CoinsService } from '../coins/coins.service.js';
import type { PlacementService, PurchaseOutcome } from '../placement/placement.service.js';
import { NoCapacityError } from '../placement/placement.errors.js';
import { CoinsError, CoinsErrorCode } from '../coins/coins.errors.js';
import { Worker } from '../workers/worker.entity.js';
import { WorkerCommandKind, type WorkerCommand } from '../workers/worker-command.entity.js';
import type { CommandResult, WorkerCommandsService } from '../workers/worker-commands.service.js';
import { Role } from '../../shared/role.js';
import { hasRole, type Viewer, type WorkerViewer } from '../../shared/viewer.js';
import { BadInputError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { readOnlyView } from '../../db/read-only-view.js';
import { inSqlTransaction } from '../../db/prepared-statement.js';
import type { CreateSessionPayload } from '../../../../schema/worker-protocol.js';

/** How long a product read for purchases is reused (see `catalogue`). */
const PRODUCT_CACHE_MS = 2_000;

/** What a worker reports about a session. */
export interface SessionReport {
  sessionId: string;
  state: SessionState;
  workerRoute?: string | null;
  connection?: DesktopConnection | null;
  error?: string | null;
}

/**
 * The life of a desktop across the control plane and its worker: buy (debit, claim a slot, queue
 * the create), worker reports, delete (queue the stop), refunds when provisioning fails.
 */
export class SessionProvisioningService {
  private readonly products = new Map<string, { product: Product; at: number }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly sessions: SessionsService,
    private readonly coins: CoinsService,
    private readonly placement: PlacementService,
    private readonly commands: WorkerCommandsService,
    private readonly allocation: { retries: number; timeoutSec: number },
  ) {}

  /**
   * Debits the product's price and creates a PENDING session on the least-loaded eligible worker,
   * in one transaction. The same key returns the same session; with another product, CONFLICT.
   */
  async purchaseAndCreate(em: () => EntityManager, viewer: Viewer, productId: string, idempotencyKey: string): Promise<Session> {
    if (viewer?.kind !== 'user') throw new SessionError(SessionErrorCode.NOT_FOUND, 'Only people buy desktops');
    const key = check.text('idempotencyKey', idempotencyKey, 128);
    const pid = check.id('productId', productId);
    const product = await this.catalogue(em, pid);
    if (!product) throw new SessionError(SessionErrorCode.NOT_FOUND, `No active product ${productId}`, { id: productId });
    const id = randomUUID();
    const now = new Date();
    let r: PurchaseOutcome;
    try {
      // Set-based on purpose: this is the hot path of exam morning, two prepared statements on a
      // pooled connection. The database keeps the rules (slot constraints, balance CHECK, unique
      // idempotency keys) whatever happens here. A retry with a used key is not looked up first:
      // the unique (owner, key) answers it below.
      // PostgreSQL may end one of several purchases that wait on each other (a deadlock): nothing
      // of it was written, so it is simply tried again, a few times, instead of failing the buyer.
      r = await retryDeadlocks(() =>
        inSqlTransaction(this.orm.em, async (tx) => {
          const placed = await this.placement.purchaseInTwoStatements(tx, {
            sessionId: id,
            ownerId: viewer.id,
            productId: product.id,
            state: SessionState.PENDING,
            key,
            reason: product.name,
            commandId: randomUUID(),
            payload: JSON.stringify(createPayload(id, product)),
            now,
          });
          if (!placed.workerId || !placed.debited) throw new PurchaseRefused(placed);
          return placed;
        }),
      );
    } catch (err) {
      // The key was used before (or by a concurrent call that won): answer with that session.
      if (err instanceof UniqueConstraintViolationException) {
        const winner = await this.byKey(em(), viewer.id, key, pid);
        if (winner) return winner;
      }
      if (err instanceof PurchaseRefused) return this.refused(em(), viewer.id, key, product, err.outcome);
      throw err;
    }
    this.commands.announce(r.workerId!);
    // What was just written, without reading it back (and without the identity map: it is only shown).
    const session = readOnlyView(
      this.orm,
      Session,
      {
        id,
        owner_id: viewer.id,
        product_id: product.id,
        worker_id: r.workerId,
        exam_id: null,
        state: SessionState.PENDING,
        idempotency_key: key,
        created_at: now,
        updated_at: now,
        failed_worker_ids: [],
      },
      { product },
    );
    this.sessions.published(session);
    return session;
  }

  /**
   * Why a purchase placed nothing (it was rolled back): an inactive product, this key used before
   * (its session is the answer), no capacity (with every worker's reason) or too few coins.
   */
  private async refused(em: EntityManager, ownerId: string, key: string, product: Product, r: PurchaseOutcome): Promise<Session> {
    if (!r.active) {
      this.products.delete(product.id);
      throw new SessionError(SessionErrorCode.NOT_FOUND, `No active product ${product.id}`, { id: product.id });
    }
    if (!r.workerId) {
      // No capacity may also mean this key was used before: answer with that session then.
      const prior = await this.byKey(em, ownerId, key, product.id);
      if (prior) return prior;
      throw new NoCapacityError(await this.placement.reasons(em, product.id, new Set()));
    }
    const [u] = await em.execute<{ coin_balance: number }[]>(`select coin_balance from users where id = ?`, [ownerId]);
    throw new CoinsError(CoinsErrorCode.INSUFFICIENT_COINS, `Balance ${u?.coin_balance ?? 0} is too low for ${r.price} coins`, {
      balance: u?.coin_balance ?? 0,
      required: r.price,
    });
  }

  /**
   * An active product as read at most PRODUCT_CACHE_MS ago (the create command's image and limits).
   * What decides a purchase — the product still active, its price — is read again by the
   * purchase statement itself.
   */
  private async catalogue(em: () => EntityManager, id: string): Promise<Product | null> {
    const hit = this.products.get(id);
    if (hit && Date.now() - hit.at < PRODUCT_CACHE_MS) return hit.product;
    const product = await em().findOne(Product, { id, isActive: true });
    if (this.products.size > 1000) this.products.clear();
    if (product) this.products.set(id, { product, at: Date.now() });
    return product;
  }

  /** Owner or admin: stops the desktop on its worker (STOPPING, then DELETED when the worker confirms). */
  delete(em: EntityManager, viewer: Viewer, id: string): Promise<Session> {
    return this.stop(em, viewer, id, [Role.ADMIN]);
  }

  /** Owner or exam staff: gives a seat back; its desktop is stopped (a returning candidate is placed on the same worker first). */
  release(em: EntityManager, viewer: Viewer, id: string): Promise<Session> {
    return this.stop(em, viewer, id, [Role.ADMIN, Role.OPERATOR]);
  }

  /**
   * Creates a session on the least-loaded eligible worker (`prefer` first when it qualifies)
   * without any payment: a candidate's cold seat, or a warm desktop (no owner). Call inside a
   * transaction; NO_CAPACITY with reasons when no worker can take it. Announce with the result.
   */
  async placeFree(
    tx: EntityManager,
    p: { product: Product; exam: { id: string } | null; ownerId: string | null; prefer: string | null },
  ): Promise<{ session: Session; announce: () => void }> {
    const { worker, slotNo } = await this.placement.claimSlot(tx, p.product.id, new Set(), p.prefer);
    const session = tx.create(Session, {
      product: p.product,
      exam: p.exam?.id ?? null,
      owner: p.ownerId,
      worker,
      slotNo,
      state: SessionState.PENDING,
      createdAt: new Date(),
    });
    this.commands.enqueue(tx, worker.id, WorkerCommandKind.CREATE_SESSION, createPayload(session.id, p.product), session.id);
    await tx.flush();
    return {
      session,
      announce: () => {
        this.commands.announce(worker.id);
        this.sessions.published(session);
      },
    };
  }

  private async stop(em: EntityManager, viewer: Viewer, id: string, staff: Role[]): Promise<Session> {
    const session = await this.sessions.get(em, viewer, id);
    const isOwner = viewer?.kind === 'user' && session.owner?.id === viewer.id;
    if (!isOwner && !hasRole(viewer, ...staff)) throw new SessionError(SessionErrorCode.NOT_FOUND, `Session ${id} not found`, { id });
    if (TERMINAL_STATES.includes(session.state) || session.state === SessionState.STOPPING) return session;
    const workerId = session.worker?.id;
    await em.transactional(async (tx) => {
      const s = await tx.findOneOrFail(Session, { id: session.id });
      await this.sessions.transition(tx, s, SessionState.STOPPING);
      if (workerId) this.commands.enqueueStop(tx, workerId, s);
      else await this.sessions.transition(tx, s, SessionState.DELETED);
    });
    if (workerId) this.commands.announce(workerId);
    const fresh = await em.fork().findOneOrFail(Session, { id: session.id }, { populate: ['product'] });
    this.sessions.published(fresh);
    return fresh;
  }

  /** A worker's report on one of its sessions: state, container name, connection details, error. */
  async report(em: EntityManager, viewer: WorkerViewer, input: SessionReport): Promise<void> {
    const id = check.id('sessionId', input.sessionId);
    const changed = await em.transactional(async (tx) => {
      // Lock the session row alone: populated in the same query, the product's row would be locked
      // too, and every purchase of that product (its foreign key check) would wait for this report.
      const s = await tx.findOne(Session, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (s) await tx.populate(s, ['product']);
      if (!s || s.worker?.id !== viewer.workerId)
        throw new SessionError(SessionErrorCode.NOT_FOUND, `Session ${input.sessionId} not found on this worker`, { id: input.sessionId });
      if (input.workerRoute) s.workerRoute = check.text('workerRoute', input.workerRoute, 128);
      if (input.connection) this.sessions.setConnection(s, input.connection);
      if (s.state === input.state) return true;
      // A late report about a session already ended (the user deleted it meanwhile) changes nothing.
      if (TERMINAL_STATES.includes(s.state)) return false;
      // A desktop nobody owns yet is a prewarmed one: it waits as WARM for a candidate.
      const to = input.state === SessionState.READY && !s.owner ? SessionState.WARM : input.state;
      if (s.state === to) return true;
      if (to === SessionState.READY && s.product.durationMinutes > 0) s.expiresAt = new Date(Date.now() + s.product.durationMinutes * 60_000);
      await this.sessions.transition(tx, s, to, { failureReason: input.error ?? undefined });
      if (input.state === SessionState.FAILED) await this.refund(tx, s);
      return true;
    });
    if (changed) this.sessions.published(await em.fork().findOneOrFail(Session, { id }, { populate: ['product'] }));
  }

  /**
   * Session effects of an acknowledged command, inside its transaction (the composition root hooks
   * it onto the command queue); returns what to announce once it commits.
   */
  async commandCompleted(tx: EntityManager, command: WorkerCommand, result: CommandResult): Promise<(() => void) | undefined> {
    if (!command.sessionId) return;
    const s = await tx.findOne(Session, { id: command.sessionId }, { populate: ['product'] });
    if (!s || TERMINAL_STATES.includes(s.state)) return;
    if (command.kind === WorkerCommandKind.CREATE_SESSION && !result.ok) {
      return this.createFailed(tx, s, command.worker.id, result.error ?? 'the worker could not create the desktop');
    }
    if (command.kind === WorkerCommandKind.STOP_SESSION && result.ok) {
      await this.sessions.transition(tx, s, SessionState.DELETED);
      return () => this.sessions.published(s);
    }
  }

  /**
   * A worker could not create the desktop: move it to another eligible worker (not one that
   * already failed) up to WORKER_ALLOCATE_RETRY_COUNT times within VDI_ALLOCATE_TIMEOUT_SEC;
   * otherwise FAILED with every worker's reason, refunded, slot freed.
   */
  private async createFailed(tx: EntityManager, s: Session, workerId: string, error: string): Promise<() => void> {
    s.failedWorkerIds = [...s.failedWorkerIds, workerId];
    const worker = await tx.findOneOrFail(Worker, { id: workerId }, { fields: ['code'] });
    const reasons = [...(s.failureReason ? [s.failureReason] : []), `${worker.code}: ${error}`];
    const inTime = Date.now() - s.createdAt.getTime() < this.allocation.timeoutSec * 1000;
    if (s.failedWorkerIds.length <= this.allocation.retries && inTime) {
      try {
        const next = await this.placement.claimSlot(tx, s.product.id, new Set(s.failedWorkerIds));
        s.worker = next.worker;
        s.slotNo = next.slotNo;
        s.workerRoute = null;
        s.failureReason = reasons.join('; ');
        this.commands.enqueue(tx, next.worker.id, WorkerCommandKind.CREATE_SESSION, createPayload(s.id, s.product), s.id);
        await tx.flush();
        return () => {
          this.commands.announce(next.worker.id);
          this.sessions.published(s);
        };
      } catch (err) {
        if (!(err instanceof NoCapacityError)) throw err;
        reasons.push('no other worker can take it');
      }
    }
    await this.sessions.transition(tx, s, SessionState.FAILED, { failureReason: reasons.join('; ') });
    await this.refund(tx, s);
    return () => this.sessions.published(s);
  }

  /** Gives back what the session cost, once (the ledger key makes a second refund a no-op). */
  async refund(tx: EntityManager, s: Session): Promise<void> {
    if (!s.owner) return;
    const purchase = await tx.findOne(CoinLedgerEntry, { sessionId: s.id, kind: CoinEntryKind.PURCHASE });
    if (!purchase || purchase.delta === 0) return;
    await this.coins.move(tx, s.owner.id, {
      kind: CoinEntryKind.REFUND,
      delta: () => -purchase.delta,
      reason: `refund: ${s.failureReason ?? 'provisioning failed'}`.slice(0, 500),
      sessionId: s.id,
      idempotencyKey: `refund:${s.id}`,
    });
  }

  private async byKey(em: EntityManager, ownerId: string, key: string, productId: string): Promise<Session | null> {
    const s = await em.findOne(Session, { owner: ownerId, idempotencyKey: key }, { populate: ['product'] });
    if (s && s.product.id !== productId)
      throw new SessionError(SessionErrorCode.CONFLICT, 'This idempotency key was used to buy another product', { field: 'idempotencyKey' });
    return s;
  }
}

/** Rolls a purchase back that placed nothing; {@link SessionProvisioningService.refused} says why. */
class PurchaseRefused extends Error {
  constructor(readonly outcome: PurchaseOutcome) {
    super('purchase refused');
  }
}

/**
 * Everything the worker needs to create the desktop (the protocol's CREATE_SESSION payload). The
 * worker makes the password and reports it sealed-at-rest via reportSession, so no secret sits in
 * the queue.
 */
function createPayload(sessionId: string, p: Product): CreateSessionPayload {
  if (p.provisionAction === ProvisionAction.WINDOWS && !p.image) throw new BadInputError('productId', 'this Windows product has no image set');
  return {
    sessionId,
    provisionAction: p.provisionAction,
    image: p.image ?? null,
    cpus: p.cpus,
    memoryMb: p.memoryMb,
    shmMb: p.shmMb,
    browserUrl: p.browserUrl ?? null,
    network: p.network,
    username: p.provisionAction === ProvisionAction.WINDOWS ? 'Administrator' : 'desktop',
    linuxDesktop: p.provisionAction === ProvisionAction.LINUX ? p.linuxDesktop : null,
    allowSudo: p.allowSudo,
    startTimeoutSec: p.startTimeoutSeconds ?? null,
  };
}

/** How many times a purchase PostgreSQL ended as a deadlock victim is run again. */
const DEADLOCK_TRIES = 4;

/** Runs `work` (one whole transaction) again when PostgreSQL ended it to break a deadlock. */
async function retryDeadlocks<R>(work: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof DeadlockException) || attempt >= DEADLOCK_TRIES) throw err;
    }
  }
}
