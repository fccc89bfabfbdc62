import type { MikroORM } from '@mikro-orm/postgresql';
import { DrainStatus, WorkerStatus, type ContainerReport, type DriverStatus } from './worker.entity.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';

/** The latest heartbeat of one worker, waiting to be written. */
export interface PendingHeartbeat {
  at: Date;
  cpuPercent: number | null;
  memoryUsedMb: number | null;
  driver: DriverStatus | null;
  inventory: ContainerReport[] | null;
}

/** Status the heartbeat answer carries, refreshed by every flush. */
export interface KnownStatus {
  status: WorkerStatus;
  drainStatus: DrainStatus;
}

/**
 * Coalesces heartbeats: the newest one per worker is kept in memory and all are written in one
 * UPDATE every `flushMs`. Thousands of heartbeats a second cost one statement a second.
 */
export class HeartbeatBuffer {
  private pending = new Map<string, PendingHeartbeat>();
  /** The batch being written: still visible to reads until its transaction commits. */
  private inFlight = new Map<string, PendingHeartbeat>();
  private readonly lastSeen = new Map<string, Date>();
  private readonly statuses = new Map<string, KnownStatus>();
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    flushMs: number,
    logger: Logger,
  ) {
    this.task = new PeriodicTask('heartbeat flush', flushMs, () => this.writePending(), logger);
  }

  start(): void {
    this.task.start();
  }

  /** Keeps the newest heartbeat; parts it omits keep the previous pending value. */
  record(workerId: string, hb: PendingHeartbeat): void {
    const prev = this.pending.get(workerId);
    this.pending.set(workerId, {
      at: hb.at,
      cpuPercent: hb.cpuPercent ?? prev?.cpuPercent ?? null,
      memoryUsedMb: hb.memoryUsedMb ?? prev?.memoryUsedMb ?? null,
      driver: hb.driver ?? prev?.driver ?? null,
      inventory: hb.inventory ?? prev?.inventory ?? null,
    });
    this.lastSeen.set(workerId, hb.at);
  }

  /** Last heartbeat time seen by this process (may be newer than the database for a moment). */
  seenAt(workerId: string): Date | undefined {
    return this.lastSeen.get(workerId);
  }

  /**
   * Every heartbeat not yet known to be in the database (being written, or waiting). Take it
   * *before* reading workers: a flush that commits between the read and the overlay would
   * otherwise leave the read stale with nothing to overlay.
   */
  snapshot(): Map<string, PendingHeartbeat> {
    return new Map([...this.inFlight, ...this.pending]);
  }

  status(workerId: string): KnownStatus | undefined {
    return this.statuses.get(workerId);
  }

  /** Sets what the next heartbeat answer says (after an admin change on this replica). */
  noteStatus(workerId: string, status: KnownStatus): void {
    this.statuses.set(workerId, status);
  }

  /** Writes everything pending in one statement, now; flushes never overlap. */
  flush(): Promise<void> {
    return this.task.run();
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.inFlight = batch;
    this.pending = new Map();
    const rows = [...batch].map(([id, hb]) => ({
      id,
      at: hb.at.toISOString(),
      cpu: hb.cpuPercent,
      mem: hb.memoryUsedMb,
      driver: hb.driver,
      inv: hb.inventory,
    }));
    try {
      const result: { id: string; status: WorkerStatus; drain_status: DrainStatus }[] = await this.orm.em.getConnection().execute(
        `update workers w set
           last_heartbeat_at = greatest(w.last_heartbeat_at, v.at),
           cpu_percent = coalesce(v.cpu, w.cpu_percent),
           memory_used_mb = coalesce(v.mem, w.memory_used_mb),
           driver = coalesce(v.driver, w.driver),
           inventory = coalesce(v.inv, w.inventory)
         from jsonb_to_recordset(?::jsonb) as v(id uuid, at timestamptz, cpu float8, mem int, driver jsonb, inv jsonb)
         where w.id = v.id
         returning w.id, w.status, w.drain_status`,
        [JSON.stringify(rows)],
      );
      for (const r of result) this.statuses.set(r.id, { status: r.status, drainStatus: r.drain_status });
    } catch (err) {
      // Put the batch back unless newer heartbeats arrived meanwhile; the next flush retries.
      for (const [id, hb] of batch) if (!this.pending.has(id)) this.pending.set(id, hb);
      throw err;
    } finally {
      this.inFlight = new Map();
    }
  }

  /** Stops the timer and writes what is pending. */
  async dispose(): Promise<void> {
    await this.task.dispose();
    await this.flush();
  }
}
