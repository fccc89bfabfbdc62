/** Why a port could not be handed out. */
export class NoFreeRdpPortError extends Error {}

/** One port in use: by a desktop being created (`pending`) or by one whose container exists. */
interface Hold {
  owner: string;
  pending: boolean;
  /** When the hold was last confirmed (ms): a listing older than this says nothing about it. */
  since: number;
}

/** How long a port the engine refused (something else on the host has it) is left alone. */
const REFUSED_FOR_MS = 10 * 60_000;

/**
 * The host ports of this worker's RDP desktops (WORKER_RDP_PORT_RANGE). A port belongs to one
 * owner (the desktop's container name) from allocation to release; allocation is synchronous,
 * so concurrent creates in this process never get the same port. Ports are handed out in turn
 * (next after the last one given), so a port just freed is not reused at once by a client that
 * still holds its address. What the containers hold is learned from the engine ({@link sync}):
 * at start, so a restarted worker keeps its desktops' ports, and on every heartbeat, so a
 * container removed behind the worker's back frees its port.
 */
export class RdpPortPool {
  private readonly holds = new Map<number, Hold>();
  private readonly refused = new Map<number, number>();
  private cursor: number;

  constructor(
    readonly range: { from: number; to: number },
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(range.from) && Number.isInteger(range.to) && range.from >= 1 && range.from <= range.to && range.to <= 65535))
      throw new Error(`not a port range: ${range.from}-${range.to}`);
    this.cursor = range.from;
  }

  /** The number of ports in the range. */
  get size(): number {
    return this.range.to - this.range.from + 1;
  }

  /**
   * A free port for `owner` (its own when it already holds one), held as pending until
   * {@link confirm}. Throws {@link NoFreeRdpPortError} when every port is held or refused.
   */
  allocate(owner: string): number {
    const own = this.portOf(owner);
    if (own !== null) return own;
    const now = this.now();
    for (let i = 0; i < this.size; i++) {
      const port = this.range.from + ((this.cursor - this.range.from + i) % this.size);
      if (this.holds.has(port) || (this.refused.get(port) ?? 0) > now) continue;
      this.holds.set(port, { owner, pending: true, since: now });
      this.cursor = port === this.range.to ? this.range.from : port + 1;
      return port;
    }
    throw new NoFreeRdpPortError(
      `no free RDP port in WORKER_RDP_PORT_RANGE ${this.range.from}-${this.range.to}: all ${this.size} are held by desktops or taken by something else on this host`,
    );
  }

  /** The owner's container now exists and holds its port. */
  confirm(owner: string): void {
    const port = this.portOf(owner);
    if (port !== null) this.holds.set(port, { owner, pending: false, since: this.now() });
  }

  /**
   * The engine refused the owner's `port` (bound by something else): the owner lets it go and,
   * unless a desktop of this worker holds it, the port is not handed out again for a while.
   */
  refuse(owner: string, port: number): void {
    if (this.holds.get(port)?.owner === owner) this.holds.delete(port);
    if (!this.holds.has(port)) this.refused.set(port, this.now() + REFUSED_FOR_MS);
  }

  /** Frees the owner's port (nothing held is fine); returns it. */
  release(owner: string): number | null {
    const port = this.portOf(owner);
    if (port !== null) this.holds.delete(port);
    return port;
  }

  /** A container of this worker holds `port` (found running at start, or adopted). */
  hold(owner: string, port: number): void {
    const previous = this.portOf(owner);
    if (previous !== null && previous !== port) this.holds.delete(previous);
    this.holds.set(port, { owner, pending: false, since: this.now() });
  }

  /** The port an owner holds, or null. */
  portOf(owner: string): number | null {
    for (const [port, h] of this.holds) if (h.owner === owner) return port;
    return null;
  }

  /** How many ports could be handed out now (neither held nor set aside as refused). */
  available(): number {
    const now = this.now();
    let n = 0;
    for (let port = this.range.from; port <= this.range.to; port++) if (!this.holds.has(port) && (this.refused.get(port) ?? 0) <= now) n++;
    return n;
  }

  /** Every held port with its owner. */
  held(): Map<number, string> {
    return new Map([...this.holds].map(([port, h]) => [port, h.owner]));
  }

  /**
   * Learns from a listing of this worker's containers taken at `listedAt` (ms): every listed
   * container holds its port, and a confirmed hold older than the listing whose container is not
   * listed is freed (its container is gone). Pending holds are left to their create.
   */
  sync(containers: { owner: string; port: number }[], listedAt: number): void {
    const listed = new Set(containers.map((c) => c.owner));
    for (const [port, h] of [...this.holds]) if (!h.pending && h.since < listedAt && !listed.has(h.owner)) this.holds.delete(port);
    for (const c of containers) {
      const holder = this.holds.get(c.port);
      // A pending create may not take a port a container holds: the container wins, the create asks again.
      if (holder && holder.owner !== c.owner && !holder.pending) continue;
      this.hold(c.owner, c.port);
    }
  }
}

/** True when the engine's error says the host port is bound by something else. */
export function isPortConflict(message: string): boolean {
  return /port is already allocated|address already in use|bind for .* failed/i.test(message);
}

/**
 * The part of `range` inside the kernel's ephemeral ports (`/proc/sys/net/ipv4/ip_local_port_range`,
 * e.g. "32768\t60999"), or null. Outgoing connections on the host take ports from there, so a desktop
 * can find its port taken; ranges below it (as Nomad's dynamic ports, 20000-32000) never are.
 */
export function ephemeralOverlap(range: { from: number; to: number }, localPortRange: string): { from: number; to: number } | null {
  const [low, high] = localPortRange.trim().split(/\s+/).map(Number);
  if (!Number.isInteger(low) || !Number.isInteger(high)) return null;
  const from = Math.max(range.from, low!);
  const to = Math.min(range.to, high!);
  return from <= to ? { from, to } : null;
}
