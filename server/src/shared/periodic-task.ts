import type { Logger } from '../observability/logger.js';

/**
 * A background loop: runs `pass` every `intervalMs`, never two passes at once, logging (not
 * throwing) a failed pass. `run()` runs one pass now, after any in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

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
    this.running = this.running.then(this.pass).catch((err: unknown) => this.logger.error({ err }, `${this.name} failed`));
    return this.running;
  }

  /** Stops the timer and waits for the pass in progress. */
  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
