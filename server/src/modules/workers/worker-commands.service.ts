import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Worker } from './worker.entity.js';
import type { WorkersService } from './workers.service.js';
import { WorkerCommand, WorkerCommandKind, WorkerCommandState } from './worker-command.entity.js';
import { WorkersError, WorkersErrorCode } from './workers.errors.js';
import { applyCommandMove, FINAL_COMMAND_STATES, UNACKNOWLEDGED_COMMAND_STATES } from './worker-command-state-machine.js';
import type { WorkerViewer } from '../../shared/viewer.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { check } from '../../shared/validate.js';
import type { WorkerCommandPayloads } from '../../../../schema/worker-protocol.js';
import { isDatabaseUnavailable } from '../../db/database-unavailable.js';

/** How often a worker's command stream looks for queued commands whose announcement it missed. */
export const RESCAN_MS = 5_000;

/** What a worker says when it finishes a command. */
export interface CommandResult {
  ok: boolean;
  error?: string | null;
}

/**
 * Runs after a command completes, inside its transaction (session effects live in the sessions
 * module); may return what to announce once the transaction commits.
 */
export type CommandCompletionHook = (tx: EntityManager, command: WorkerCommand, result: CommandResult) => Promise<(() => void) | undefined>;

/**
 * The durable per-worker queue. Commands are rows; a worker's subscription first replays every
 * unacknowledged one, then follows new ones. A command leaves the queue only when the worker
 * acknowledges it, so nothing is lost when a worker or the control plane restarts.
 */
export class WorkerCommandsService {
  private readonly hooks: CommandCompletionHook[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly pubsub: AppPubSub,
    private readonly workers: WorkersService,
  ) {}

  /**
   * Adds a command inside the caller's transaction; call {@link announce} after it commits. The
   * payload is the one the worker protocol (`schema/worker-protocol.ts`) defines for `kind`.
   */
  enqueue<K extends WorkerCommandKind>(
    tx: EntityManager,
    workerId: string,
    kind: K,
    payload: WorkerCommandPayloads[K],
    sessionId?: string | null,
  ): WorkerCommand {
    const command = tx.create(WorkerCommand, { worker: tx.getReference(Worker, workerId), kind, payload: { ...payload }, sessionId: sessionId ?? null });
    tx.persist(command);
    return command;
  }

  /**
   * Queues the stop of a session's desktop on its worker (by the container name the worker
   * reported, when it reported one), inside the caller's transaction; announce after it commits.
   */
  enqueueStop(tx: EntityManager, workerId: string, session: { id: string; workerRoute?: string | null }): WorkerCommand {
    return this.enqueue(tx, workerId, WorkerCommandKind.STOP_SESSION, { sessionId: session.id, workerRoute: session.workerRoute ?? null }, session.id);
  }

  /** Wakes the worker's subscription. */
  announce(workerId: string): void {
    this.pubsub.publish(Topic.WORKER_COMMAND_QUEUED, { workerId });
  }

  onCompleted(hook: CommandCompletionHook): void {
    this.hooks.push(hook);
  }

  /**
   * Every unacknowledged command of the worker, then each new one as it is queued: at once when
   * its announcement arrives, and at the latest at the next look every RESCAN_MS for one whose
   * announcement never came (sent by a replica while its LISTEN connection was down, or lost
   * to a restart between the commit and the announcement). Ended by the subscription's end even
   * while it waits, so a closed subscription takes no command that only its successor could send.
   */
  stream(viewer: WorkerViewer): AsyncIterableIterator<WorkerCommand> {
    let close!: () => void;
    const closed = new Promise<'closed'>((r) => {
      close = () => r('closed');
    });
    const follow = this.follow(viewer.workerId, closed);
    return {
      next: () => follow.next(),
      return: (value?: unknown) => {
        close();
        return follow.return(value as undefined);
      },
      throw: (err?: unknown) => {
        close();
        return follow.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private async *follow(workerId: string, closed: Promise<'closed'>): AsyncGenerator<WorkerCommand, undefined> {
    // Listen before replaying, so a command queued during the replay is not missed.
    const queued = this.pubsub.subscribe(Topic.WORKER_COMMAND_QUEUED)[Symbol.asyncIterator]();
    const sent = new Set<string>();
    try {
      for (const c of await this.takeRetrying(workerId, sent, true)) yield c;
      let announced = queued.next();
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const rescan = new Promise<'rescan'>((r) => {
          timer = setTimeout(() => r('rescan'), RESCAN_MS);
        });
        const woke = await Promise.race([announced, rescan, closed]);
        clearTimeout(timer);
        if (woke === 'closed') return undefined;
        if (woke !== 'rescan') {
          if (woke.done) return undefined;
          announced = queued.next();
          if (woke.value.workerId !== workerId) continue;
        }
        for (const c of await this.takeRetrying(workerId, sent, false)) yield c;
      }
    } finally {
      await queued.return?.();
    }
  }

  /**
   * take(), tried again (250 ms, growing to 5 s) while the database does not answer: a database
   * restart must not end the worker's command channel, which the worker would not reopen.
   */
  private async takeRetrying(workerId: string, sent: Set<string>, replay: boolean): Promise<WorkerCommand[]> {
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        return await this.take(workerId, sent, replay);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** Marks commands delivered and returns them; on (re)connect also the ones delivered before. */
  private async take(workerId: string, sent: Set<string>, replay: boolean): Promise<WorkerCommand[]> {
    const em = this.orm.em.fork();
    const states = replay ? UNACKNOWLEDGED_COMMAND_STATES : [WorkerCommandState.QUEUED];
    const commands = await em.find(
      WorkerCommand,
      { worker: workerId, state: { $in: [...states] }, id: { $nin: [...sent] } },
      { orderBy: { createdAt: 'asc' } },
    );
    for (const c of commands) {
      applyCommandMove(c, WorkerCommandState.DELIVERED); // a replay delivers again: DELIVERED → DELIVERED
      c.attempts += 1;
      c.deliveredAt = new Date();
    }
    await em.flush();
    // Only once stored: a failed flush leaves them to the next take.
    for (const c of commands) sent.add(c.id);
    const create = commands.filter((c) => c.kind === WorkerCommandKind.CREATE_SESSION);
    if (create.length === 0) return commands;
    // Registry logins travel with create commands only, decrypted on the way out, never queued.
    const auth = this.workers.registryAuthOf(await em.findOneOrFail(Worker, { id: workerId }));
    if (!auth) return commands;
    return commands.map((c) =>
      c.kind === WorkerCommandKind.CREATE_SESSION
        ? Object.assign(Object.create(WorkerCommand.prototype) as WorkerCommand, c, { payload: { ...c.payload, registryAuth: auth } })
        : c,
    );
  }

  /** The worker's acknowledgement; repeating it is harmless. */
  async complete(em: EntityManager, viewer: WorkerViewer, id: string, result: CommandResult): Promise<boolean> {
    const after: (() => void)[] = [];
    await em.transactional(async (tx) => {
      const command = await tx.findOne(WorkerCommand, { id: check.id('id', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!command || command.worker.id !== viewer.workerId) throw new WorkersError(WorkersErrorCode.NOT_FOUND, `Command ${id} not found`, { id });
      if (FINAL_COMMAND_STATES.includes(command.state)) return;
      applyCommandMove(command, result.ok ? WorkerCommandState.SUCCEEDED : WorkerCommandState.FAILED);
      command.error = result.ok ? null : (result.error ?? 'failed without a reason').slice(0, 2000);
      command.completedAt = new Date();
      for (const hook of this.hooks) {
        const announce = await hook(tx, command, result);
        if (announce) after.push(announce);
      }
    });
    for (const announce of after) announce();
    return true;
  }
}
