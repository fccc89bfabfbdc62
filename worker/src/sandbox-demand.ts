/** The most spares a pool grows to after a burst (each holds a bridge and a subnet); a larger configured size is kept as it is. */
export const MAX_SPARES = 16;

/** How long a burst of creates keeps the pool grown. */
export const DEMAND_WINDOW_MS = 60_000;

/**
 * How many spare sandboxes to keep: the configured number when creates are few, more after a
 * burst. The creates of the last minute are what the next minute is expected to bring (an exam
 * room filling up, a class buying its desktops), so the pool grows to that many, up to four times
 * its configured size and at most MAX_SPARES, and shrinks back once the burst is a minute old.
 * A size of 0 keeps no spares at all (each desktop makes its network as it starts).
 */
export class SpareDemand {
  private readonly takes: number[] = [];
  private readonly max: number;

  constructor(
    private readonly base: number,
    private readonly windowMs = DEMAND_WINDOW_MS,
  ) {
    this.max = Math.max(base, Math.min(MAX_SPARES, base * 4));
  }

  /** A create took a sandbox at `now` (ms). */
  took(now = Date.now()): void {
    this.takes.push(now);
    this.forget(now);
  }

  /** Spares to keep at `now`: the creates of the last window, at least the configured size, at most the bound. */
  target(now = Date.now()): number {
    this.forget(now);
    return Math.min(this.max, Math.max(this.base, this.takes.length));
  }

  private forget(now: number): void {
    while (this.takes.length && this.takes[0]! <= now - this.windowMs) this.takes.shift();
  }
}
