import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { DrainStatus, Worker, WorkerHealth, WorkerStatus } from './worker.entity.js';
import { WorkersError, WorkersErrorCode } from './workers.errors.js';
import type { PreRegisterWorkerInput, UpdateWorkerInput } from './workers.inputs.js';
import { computeMaxSessions } from './worker-capacity.js';
import { applyWorkerMove } from './worker-state-machine.js';
import type { HeartbeatBuffer } from './heartbeat-buffer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import type { AuthService } from '../auth/auth.service.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { BadInputError, NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import type { ServerConfig } from '../../config/config.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { RegistryAuthInput } from './worker-commands.inputs.js';
import { pgArray } from '../../db/pg-array.js';

/** Fleet management: listing with derived health and load, admin changes, drain and disable. */
export class WorkersService {
  constructor(
    private readonly config: ServerConfig,
    private readonly heartbeats: HeartbeatBuffer,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly pubsub: AppPubSub,
    private readonly secrets: SecretBox,
  ) {}

  /** Every worker with health, activeSessions and slotsAvailable derived now. */
  async list(em: EntityManager): Promise<Worker[]> {
    const overlay = this.heartbeats.snapshot();
    return this.derive(em, await em.find(Worker, {}, { orderBy: { code: 'asc' } }), overlay);
  }

  /** One worker, derived; NOT_FOUND when the id names none. */
  async get(em: EntityManager, id: string): Promise<Worker> {
    const overlay = this.heartbeats.snapshot();
    const worker = await em.findOne(Worker, { id: check.id('id', id) });
    if (!worker) throw new NotFoundError('Worker', id);
    return (await this.derive(em, [worker], overlay))[0]!;
  }

  /** Fills the read-time fields from the session table and this process's newest heartbeats. */
  async derive(em: EntityManager, workers: Worker[], overlay = this.heartbeats.snapshot()): Promise<Worker[]> {
    if (workers.length === 0) return workers;
    const rows: { worker_id: string; n: string }[] = await em.execute(
      // A live session holds a slot (slot_no set) from PENDING until it ends: the sessions check
      // constraint ties slot_no to the state, so the fleet need not know the session states.
      `select worker_id, count(*) as n from sessions where worker_id = any(?::uuid[]) and slot_no is not null group by worker_id`,
      [pgArray(workers.map((w) => w.id))],
    );
    const active = new Map(rows.map((r) => [r.worker_id, Number(r.n)]));
    const now = Date.now();
    for (const w of workers) {
      // Everything from one snapshot, so health and the reported engine always agree.
      const pending = overlay.get(w.id);
      if (pending) {
        if (!w.lastHeartbeatAt || pending.at > w.lastHeartbeatAt) w.lastHeartbeatAt = pending.at;
        if (pending.driver) {
          w.driver = pending.driver;
          w.kvm = pending.kvm;
        }
        w.cpuPercent = pending.cpuPercent ?? w.cpuPercent;
        w.memoryUsedMb = pending.memoryUsedMb ?? w.memoryUsedMb;
        w.inventory = pending.inventory ?? w.inventory;
      }
      w.health = w.lastHeartbeatAt && now - w.lastHeartbeatAt.getTime() < this.config.heartbeatTtlSec * 1000 ? WorkerHealth.HEALTHY : WorkerHealth.STALE;
      w.activeSessions = active.get(w.id) ?? 0;
      w.slotsAvailable = Math.max(0, w.maxSessions - w.activeSessions);
    }
    return workers;
  }

  /**
   * An admin adds a worker by name and URL before its agent connects. The code is the
   * given one, as given, or else derived from the name in WORKER_CODE's dash style; the agent that
   * registers with that code takes this row over (it has no credential yet), so no twin appears.
   */
  async preRegister(em: EntityManager, viewer: Viewer, input: PreRegisterWorkerInput): Promise<Worker> {
    const name = check.text('name', input.name, 128);
    const code = workerCode(input.code ?? codeFromName(name));
    const d = this.config.capacityDefaults;
    const capacity = { cpus: 0, memoryMb: 0, reservedCpus: d.reservedCpus, reservedMemoryMb: d.reservedMemoryMb, vmCpus: d.vmCpus, vmMemoryMb: d.vmMemoryMb };
    const worker = em.create(Worker, { code, name, apiBaseUrl: check.url('apiBaseUrl', input.apiBaseUrl), capacity, maxSessions: 0 });
    this.audit.record(em, viewer, 'worker.preRegister', 'worker', worker.id, { code, name });
    await flushUnique(em, `Worker code "${code}" is taken`);
    await this.syncSlots(em, worker);
    this.changed(worker.id);
    return (await this.derive(em, [worker]))[0]!;
  }

  /** Admin changes: name, URL, labels, a lower session limit. */
  async update(em: EntityManager, viewer: Viewer, id: string, input: UpdateWorkerInput): Promise<Worker> {
    const worker = await this.get(em, id);
    if (input.name != null) worker.name = check.text('name', input.name, 128);
    if (input.apiBaseUrl != null) worker.apiBaseUrl = check.url('apiBaseUrl', input.apiBaseUrl);
    if (input.labels != null) {
      if (input.labels.length > 32) throw new BadInputError('labels', 'at most 32 labels');
      worker.labels = [...new Set(input.labels.map((l) => check.text('labels', l, 64)))];
    }
    if (input.clearMaxSessionsOverride) worker.maxSessionsOverride = null;
    else if (input.maxSessionsOverride != null) worker.maxSessionsOverride = check.int('maxSessionsOverride', input.maxSessionsOverride, 0, 10_000);
    worker.maxSessions = computeMaxSessions(worker.capacity, worker.maxSessionsOverride);
    this.audit.record(em, viewer, 'worker.update', 'worker', worker.id, { ...input });
    await em.transactional(async (tx) => {
      await tx.flush();
      await this.syncSlots(tx, worker);
    });
    this.changed(worker.id);
    return (await this.derive(em, [worker]))[0]!;
  }

  /** Stops new sessions; DRAINED at once when nothing holds a slot, else when the last one ends. */
  async drain(em: EntityManager, viewer: Viewer, id: string): Promise<Worker> {
    const worker = await this.get(em, id);
    if (worker.drainStatus === DrainStatus.NONE) {
      applyWorkerMove(worker, { status: worker.status, drainStatus: worker.activeSessions === 0 ? DrainStatus.DRAINED : DrainStatus.DRAINING });
      this.audit.record(em, viewer, 'worker.drain', 'worker', worker.id, { activeSessions: worker.activeSessions });
      await em.flush();
      this.changed(worker.id, worker);
    }
    return worker;
  }

  /** Takes a worker out of service; a worker that is not DRAINED needs `force`. */
  async disable(em: EntityManager, viewer: Viewer, id: string, force: boolean): Promise<Worker> {
    const worker = await this.get(em, id);
    if (worker.status === WorkerStatus.DISABLED) return worker;
    applyWorkerMove(worker, { status: WorkerStatus.DISABLED, drainStatus: worker.drainStatus }, force);
    this.audit.record(em, viewer, 'worker.disable', 'worker', worker.id, { force, drainStatus: worker.drainStatus, activeSessions: worker.activeSessions });
    await em.flush();
    this.changed(worker.id, worker);
    return worker;
  }

  /** Back into service: ACTIVE and not draining. */
  async enable(em: EntityManager, viewer: Viewer, id: string): Promise<Worker> {
    const worker = await this.get(em, id);
    applyWorkerMove(worker, { status: WorkerStatus.ACTIVE, drainStatus: DrainStatus.NONE });
    this.audit.record(em, viewer, 'worker.enable', 'worker', worker.id);
    await em.flush();
    this.changed(worker.id, worker);
    return (await this.derive(em, [worker]))[0]!;
  }

  /** Revokes the worker's credential; its agent must register again with the cluster token. */
  async revokeCredential(em: EntityManager, viewer: Viewer, id: string): Promise<Worker> {
    const worker = await this.get(em, id);
    worker.credentialHash = null;
    worker.credentialIssuedAt = null;
    this.audit.record(em, viewer, 'worker.revokeCredential', 'worker', worker.id);
    await em.flush();
    this.auth.invalidate();
    this.changed(worker.id, worker);
    return worker;
  }

  /** Sets or clears the registry login the worker pulls with; the password is sealed at rest. */
  async setRegistryAuth(em: EntityManager, viewer: Viewer, id: string, auth: RegistryAuthInput | null): Promise<Worker> {
    const worker = await this.get(em, id);
    worker.registryAuth = auth
      ? {
          serverAddress: check.text('serverAddress', auth.serverAddress, 255),
          username: check.text('username', auth.username, 255),
          passwordEnc: this.secrets.seal(check.text('password', auth.password, 4096)),
        }
      : null;
    this.audit.record(
      em,
      viewer,
      auth ? 'worker.setRegistryAuth' : 'worker.clearRegistryAuth',
      'worker',
      worker.id,
      auth ? { serverAddress: auth.serverAddress, username: auth.username } : undefined,
    );
    await em.flush();
    return worker;
  }

  /** The worker's registry login in clear, for a create command on its way out; null when none. */
  registryAuthOf(worker: Worker): { serverAddress: string; username: string; password: string } | null {
    const a = worker.registryAuth;
    return a ? { serverAddress: a.serverAddress, username: a.username, password: this.secrets.open(a.passwordEnc) } : null;
  }

  /**
   * Keeps exactly `maxSessions` slot rows for the worker: adds missing ones, and drops the ones
   * above the limit that no live session holds (a held one goes when it is freed). Call in the
   * transaction that changed `maxSessions`.
   */
  async syncSlots(em: EntityManager, worker: Pick<Worker, 'id' | 'maxSessions'>): Promise<void> {
    // em.execute runs on the transaction's connection, not a second one from the pool.
    await em.execute(
      `insert into worker_slots (worker_id, slot_no) select ?, g from generate_series(0, ? - 1) g on conflict do nothing`,
      [worker.id, worker.maxSessions],
      'run',
    );
    await em.execute(
      `delete from worker_slots ws where ws.worker_id = ? and ws.slot_no >= ? and not exists (select 1 from sessions s where s.worker_id = ws.worker_id and s.slot_no = ws.slot_no)`,
      [worker.id, worker.maxSessions],
      'run',
    );
  }

  /** Tells subscribers and the heartbeat answers about a change. */
  changed(workerId: string, worker?: Worker): void {
    if (worker) this.heartbeats.noteStatus(workerId, { status: worker.status, drainStatus: worker.drainStatus });
    this.pubsub.publish(Topic.WORKER_UPDATED, { workerId });
    this.pubsub.publish(Topic.CLUSTER_SUMMARY_CHANGED, { at: new Date() });
  }
}

/** Validates a worker code (WORKER_CODE). */
export function workerCode(code: string): string {
  const c = check.text('code', code, 128);
  if (!/^[A-Za-z0-9._-]+$/.test(c)) throw new BadInputError('code', 'use letters, digits, dot, dash or underscore');
  return c;
}

/**
 * A worker code from a friendly name in the style of WORKER_CODE: lower case, and every
 * run of other characters one dash ("Worker 217.216.33.134" → "worker-217-216-33-134").
 */
export function codeFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'worker'
  );
}

async function flushUnique(em: EntityManager, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw new WorkersError(WorkersErrorCode.CONFLICT, message, { field: 'code' });
    throw err;
  }
}
