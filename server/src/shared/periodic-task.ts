import type { Logger } from '../observability/logger.js';

/**
 * A background loop: runs `pass` every `intervalMs`, never two passes at once, logging (not
 * throwing) a failed pass. `run()` runs one pass now, after any in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  run(): Promise<void> {
    this.running = this.running.then(this.pass).catch((err: unknown) => {
      // A pass cut off by the shutdown (Ctrl-C reaches the embedded PostgreSQL too) is no fault.
      if (this.stopping) this.logger.info({ err: err instanceof Error ? err.message : String(err) }, `${this.name} interrupted by shutdown`);
      else this.logger.error({ err }, `${this.name} failed`);
    });
    return this.running;
  }

  /** Stops the timer and waits for the pass in progress. */
  async dispose(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }
}
