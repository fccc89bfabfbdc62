import { timingSafeEqual, createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Worker, type ContainerReport, type WorkerCapacity } from './worker.entity.js';
import { WorkersError, WorkersErrorCode } from './workers.errors.js';
import type { CapacityInput, RegisterWorkerInput, WorkerHeartbeatInput } from './workers.inputs.js';
import type { HeartbeatAck, WorkerRegistration } from './workers.types.js';
import { computeMaxSessions } from './worker-capacity.js';
import type { HeartbeatBuffer } from './heartbeat-buffer.js';
import { workerCode, type WorkersService } from './workers.service.js';
import { TokenService } from '../auth/token.service.js';
import type { AuthService } from '../auth/auth.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer, WorkerViewer } from '../../shared/viewer.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { BadInputError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import type { ServerConfig } from '../../config/config.js';

/** The worker side of the protocol: joining with the cluster token, and heartbeats. */
export class WorkerAgentService {
  private readonly clusterTokenDigest: Buffer;

  constructor(
    private readonly config: ServerConfig,
    clusterToken: string,
    private readonly workers: WorkersService,
    private readonly heartbeats: HeartbeatBuffer,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly pubsub: AppPubSub,
  ) {
    this.clusterTokenDigest = createHash('sha256').update(clusterToken).digest();
  }

  /**
   * Joins (or re-joins) by code. Admin settings (status, drain, override, labels) survive; a new
   * credential replaces the old one, which stops working at once. A code that holds a credential
   * is re-joined only by its holder (`caller` is that worker, signed in with the credential): the
   * cluster token alone would let any machine that has it take the worker over. A row without a
   * credential — pre-registered, or revoked by an admin for a reinstalled machine — is claimed
   * with the cluster token.
   */
  async register(em: EntityManager, input: RegisterWorkerInput, caller: Viewer = null): Promise<WorkerRegistration> {
    const given = createHash('sha256').update(input.clusterToken).digest();
    if (!timingSafeEqual(given, this.clusterTokenDigest))
      throw new WorkersError(WorkersErrorCode.UNAUTHENTICATED, 'Wrong cluster token (WORKER_CLUSTER_TOKEN)');
    const code = workerCode(input.code);
    const apiBaseUrl = check.url('apiBaseUrl', input.apiBaseUrl);
    const name = input.name ? check.text('name', input.name, 128) : null;
    const version = input.version ? check.text('version', input.version, 64) : null;
    const capacity = this.capacity(input.capacity);
    const { credential, hash } = TokenService.newWorkerCredential();
    const worker = await this.upsert(em, code, (w) => {
      const holder = caller?.kind === 'worker' && caller.workerId === w.id;
      if (w.credentialHash && !holder) {
        throw new WorkersError(
          WorkersErrorCode.CONFLICT,
          `Worker ${code} is already registered and holds a credential: register with that credential (Authorization: Bearer …), or have an ADMIN revoke it (revokeWorkerCredential) so the cluster token works again`,
          { workerCode: code },
        );
      }
      w.apiBaseUrl = apiBaseUrl;
      if (name) w.name = name;
      w.version = version;
      w.capacity = capacity;
      w.maxSessions = computeMaxSessions(capacity, w.maxSessionsOverride);
      w.credentialHash = hash;
      w.credentialIssuedAt = new Date();
    });
    this.auth.invalidate();
    this.workers.changed(worker.id, worker);
    return { worker: (await this.workers.derive(em, [worker]))[0]!, credential };
  }

  /** Takes a heartbeat into the buffer; the answer says whether the worker is draining or disabled. */
  async heartbeat(em: EntityManager, viewer: WorkerViewer, input: WorkerHeartbeatInput): Promise<HeartbeatAck> {
    const at = new Date();
    const inventory = input.inventory ? this.inventory(input.inventory) : null;
    const usage = input.usage;
    const cpuPercent = usage?.cpuPercent != null ? check.number('usage.cpuPercent', usage.cpuPercent, 0, 100) : null;
    const memoryUsedMb = usage?.memoryUsedMb != null ? check.int('usage.memoryUsedMb', usage.memoryUsedMb, 0, 16_777_216) : null;
    const driver = input.driver
      ? {
          reachable: input.driver.reachable,
          version: input.driver.version ? check.text('driver.version', input.driver.version, 64) : null,
          error: input.driver.error ? input.driver.error.slice(0, 500) : null,
        }
      : null;
    const kvm = input.driver?.kvm ?? null;
    const before = this.heartbeats.seenAt(viewer.workerId);
    const kvmChanged = driver !== null && this.heartbeats.kvmOf(viewer.workerId) !== kvm;
    this.heartbeats.record(viewer.workerId, { at, cpuPercent, memoryUsedMb, driver, kvm, inventory });
    if (kvmChanged || !before || at.getTime() - before.getTime() >= this.config.heartbeatTtlSec * 1000) {
      // A worker turning healthy (or gaining or losing KVM) is written at once: placement reads them from the database.
      await this.heartbeats.flush();
      this.workers.changed(viewer.workerId);
    }
    this.pubsub.publish(Topic.WORKER_HEARTBEAT, {
      workerId: viewer.workerId,
      code: viewer.code,
      receivedAt: at,
      cpuPercent,
      memoryUsedMb,
      driverReachable: driver?.reachable ?? null,
      containers: inventory?.length ?? 0,
    });
    let known = this.heartbeats.status(viewer.workerId);
    if (!known) {
      const w = await em.findOneOrFail(Worker, { id: viewer.workerId }, { fields: ['status', 'drainStatus'] });
      known = { status: w.status, drainStatus: w.drainStatus };
      this.heartbeats.noteStatus(viewer.workerId, known);
    }
    return { serverTime: at, ...known };
  }

  private capacity(c: CapacityInput): WorkerCapacity {
    const d = this.config.capacityDefaults;
    const cap: WorkerCapacity = {
      cpus: check.number('capacity.cpus', c.cpus, 0.5, 1024),
      memoryMb: check.int('capacity.memoryMb', c.memoryMb, 256, 16_777_216),
      reservedCpus: check.number('capacity.reservedCpus', c.reservedCpus ?? d.reservedCpus, 0, 1024),
      reservedMemoryMb: check.int('capacity.reservedMemoryMb', c.reservedMemoryMb ?? d.reservedMemoryMb, 0, 16_777_216),
      vmCpus: check.number('capacity.vmCpus', c.vmCpus ?? d.vmCpus, 0.1, 256),
      vmMemoryMb: check.int('capacity.vmMemoryMb', c.vmMemoryMb ?? d.vmMemoryMb, 64, 16_777_216),
    };
    return cap;
  }

  private inventory(items: NonNullable<WorkerHeartbeatInput['inventory']>): ContainerReport[] {
    if (items.length > 1000) throw new BadInputError('inventory', 'at most 1,000 containers per heartbeat');
    return items.map((i) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(i.name)) throw new BadInputError('inventory.name', `"${i.name.slice(0, 40)}" is not a container name`);
      return {
        name: i.name,
        sessionId: i.sessionId ? check.id('inventory.sessionId', i.sessionId) : null,
        state: check.text('inventory.state', i.state, 32),
        rdpPort: i.rdpPort != null ? check.int('inventory.rdpPort', i.rdpPort, 1, 65_535) : null,
      };
    });
  }

  /** Locks the worker row by code (or creates it) and applies `change`; one retry after a create race. */
  private async upsert(em: EntityManager, code: string, change: (w: Worker) => void): Promise<Worker> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await em.transactional(async (tx) => {
          let worker = await tx.findOne(Worker, { code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!worker)
            worker = tx.create(Worker, {
              code,
              capacity: { cpus: 0, memoryMb: 0, reservedCpus: 0, reservedMemoryMb: 0, vmCpus: 1, vmMemoryMb: 1 },
              maxSessions: 0,
            });
          change(worker);
          await tx.flush();
          await this.workers.syncSlots(tx, worker);
          this.audit.record(tx, { kind: 'worker', workerId: worker.id, code }, 'worker.register', 'worker', worker.id, {
            version: worker.version,
            capacity: worker.capacity,
          });
          return worker;
        });
      } catch (err) {
        if (attempt === 0 && err instanceof UniqueConstraintViolationException) continue;
        throw err;
      }
    }
  }
}
