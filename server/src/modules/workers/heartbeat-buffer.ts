import type { MikroORM } from '@mikro-orm/postgresql';
import type { DrainStatus, WorkerStatus, ContainerReport, DriverStatus } from './worker.entity.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';

/** The latest heartbeat of one worker, waiting to be written. */
export interface PendingHeartbeat {
  at: Date;
  cpuPercent: number | null;
  memoryUsedMb: number | null;
  driver: DriverStatus | null;
  /** KVM as reported with `driver` (null = not said); meaningful only when `driver` is set. */
  kvm: boolean | null;
  inventory: ContainerReport[] | null;
}

/** Heartbeats of one worker within one minute, summed until the next flush adds them to the history. */
interface SampleSums {
  workerId: string;
  bucket: number;
  heartbeats: number;
  cpuSum: number;
  cpuCount: number;
  cpuMax: number | null;
  memSum: number;
  memCount: number;
  memMax: number | null;
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
  /** Per worker and minute, the figures not yet added to heartbeat_samples. */
  private sums = new Map<string, SampleSums>();
  /** The batch being written: still visible to reads until its transaction commits. */
  private inFlight = new Map<string, PendingHeartbeat>();
  private readonly lastSeen = new Map<string, Date>();
  /** KVM as each worker last reported it to this process. */
  private readonly lastKvm = new Map<string, boolean | null>();
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
      kvm: hb.driver ? hb.kvm : (prev?.kvm ?? null),
      inventory: hb.inventory ?? prev?.inventory ?? null,
    });
    this.lastSeen.set(workerId, hb.at);
    if (hb.driver) this.lastKvm.set(workerId, hb.kvm);
    this.addToSample(workerId, hb);
  }

  private addToSample(workerId: string, hb: PendingHeartbeat): void {
    const bucket = Math.floor(hb.at.getTime() / 60_000) * 60_000;
    const key = `${workerId}@${bucket}`;
    let s = this.sums.get(key);
    if (!s) {
      s = { workerId, bucket, heartbeats: 0, cpuSum: 0, cpuCount: 0, cpuMax: null, memSum: 0, memCount: 0, memMax: null };
      this.sums.set(key, s);
    }
    s.heartbeats++;
    if (hb.cpuPercent != null) {
      s.cpuSum += hb.cpuPercent;
      s.cpuCount++;
      s.cpuMax = Math.max(s.cpuMax ?? hb.cpuPercent, hb.cpuPercent);
    }
    if (hb.memoryUsedMb != null) {
      s.memSum += hb.memoryUsedMb;
      s.memCount++;
      s.memMax = Math.max(s.memMax ?? hb.memoryUsedMb, hb.memoryUsedMb);
    }
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

  /** KVM as the worker last reported it to this process (null: not said); undefined before its first driver report here. */
  kvmOf(workerId: string): boolean | null | undefined {
    return this.lastKvm.get(workerId);
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
    const sums = this.sums;
    this.inFlight = batch;
    this.pending = new Map();
    this.sums = new Map();
    const rows = [...batch].map(([id, hb]) => ({
      id,
      at: hb.at.toISOString(),
      cpu: hb.cpuPercent,
      mem: hb.memoryUsedMb,
      driver: hb.driver,
      kvm: hb.kvm,
      inv: hb.inventory,
    }));
    try {
      // One statement: the worker rows and their minute of history (with the slots held right
      // after the update) are written together, so history costs the heartbeat path nothing extra.
      const result: { id: string; status: WorkerStatus; drain_status: DrainStatus }[] = await this.orm.em.getConnection().execute(
        `with u as (
           update workers w set
             last_heartbeat_at = greatest(w.last_heartbeat_at, v.at),
             cpu_percent = coalesce(v.cpu, w.cpu_percent),
             memory_used_mb = coalesce(v.mem, w.memory_used_mb),
             driver = coalesce(v.driver, w.driver),
             kvm = case when v.driver is null then w.kvm else v.kvm end,
             inventory = coalesce(v.inv, w.inventory)
           from jsonb_to_recordset(?::jsonb) as v(id uuid, at timestamptz, cpu float8, mem int, driver jsonb, kvm boolean, inv jsonb)
           where w.id = v.id
           returning w.id, w.status, w.drain_status, w.live_sessions, w.max_sessions, (w.capacity->>'memoryMb')::int as memory_total_mb
         ), h as (
           insert into heartbeat_samples as h (worker_id, bucket, heartbeats, cpu_sum, cpu_count, cpu_max_percent, memory_sum, memory_count, memory_max_mb, memory_total_mb, live_sessions, max_sessions)
           select s.id, to_timestamp(s.bucket / 1000.0), s.n, s.cpu_sum, s.cpu_n, s.cpu_max, s.mem_sum, s.mem_n, s.mem_max, u.memory_total_mb, u.live_sessions, u.max_sessions
             from jsonb_to_recordset(?::jsonb) as s(id uuid, bucket float8, n int, cpu_sum float8, cpu_n int, cpu_max float8, mem_sum float8, mem_n int, mem_max int)
             join u on u.id = s.id
           on conflict (worker_id, bucket) do update set
             heartbeats = h.heartbeats + excluded.heartbeats,
             cpu_sum = coalesce(h.cpu_sum, 0) + coalesce(excluded.cpu_sum, 0),
             cpu_count = h.cpu_count + excluded.cpu_count,
             cpu_max_percent = greatest(h.cpu_max_percent, excluded.cpu_max_percent),
             memory_sum = coalesce(h.memory_sum, 0) + coalesce(excluded.memory_sum, 0),
             memory_count = h.memory_count + excluded.memory_count,
             memory_max_mb = greatest(h.memory_max_mb, excluded.memory_max_mb),
             memory_total_mb = excluded.memory_total_mb,
             live_sessions = excluded.live_sessions,
             max_sessions = excluded.max_sessions
         )
         select id, status, drain_status from u`,
        [JSON.stringify(rows), JSON.stringify(sampleRows(sums))],
      );
      for (const r of result) this.statuses.set(r.id, { status: r.status, drainStatus: r.drain_status });
    } catch (err) {
      // Put the batch back unless newer heartbeats arrived meanwhile; the next flush retries.
      for (const [id, hb] of batch) if (!this.pending.has(id)) this.pending.set(id, hb);
      for (const [key, sum] of sums) this.sums.set(key, mergeSums(sum, this.sums.get(key)));
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

/** Rows for the history upsert; a minute with one sample in a batch of several keeps only its own. */
function sampleRows(sums: Map<string, SampleSums>) {
  return [...sums.values()].map((s) => ({
    id: s.workerId,
    bucket: s.bucket,
    n: s.heartbeats,
    cpu_sum: s.cpuCount ? s.cpuSum : null,
    cpu_n: s.cpuCount,
    cpu_max: s.cpuMax,
    mem_sum: s.memCount ? s.memSum : null,
    mem_n: s.memCount,
    mem_max: s.memMax,
  }));
}

/** Adds two sums of the same worker and minute (a failed flush's figures back into the next one). */
function mergeSums(a: SampleSums, b: SampleSums | undefined): SampleSums {
  if (!b) return a;
  const max = (x: number | null, y: number | null) => (x == null ? y : y == null ? x : Math.max(x, y));
  return {
    ...a,
    heartbeats: a.heartbeats + b.heartbeats,
    cpuSum: a.cpuSum + b.cpuSum,
    cpuCount: a.cpuCount + b.cpuCount,
    cpuMax: max(a.cpuMax, b.cpuMax),
    memSum: a.memSum + b.memSum,
    memCount: a.memCount + b.memCount,
    memMax: max(a.memMax, b.memMax),
  };
}
