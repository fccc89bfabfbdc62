import type { Logger } from 'pino';
import { type ControlPlaneClient, isTransient } from './control-plane-client.js';
import { AppendSessionLogDocument } from './gql/graphql.js';

const FLUSH_MS = 250;
const MAX_BATCH = 500;
/** Lines kept per session while the control plane is away (the oldest go first beyond it). */
const MAX_KEPT = 5_000;

/** Sends session log lines to the control plane in small batches, in order, per session. */
export class LogShipper {
  private readonly pending = new Map<string, string[]>();
  private timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ControlPlaneClient,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  add(sessionId: string, line: string): void {
    const lines = this.pending.get(sessionId) ?? [];
    lines.push(line);
    this.pending.set(sessionId, lines);
  }

  /** Sends everything queued so far; flushes never overlap, so lines keep their order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.send());
    return this.flushing;
  }

  private async send(): Promise<void> {
    // Taken out first: lines kept back for a retry wait for the next flush, not this loop.
    const batch = [...this.pending];
    this.pending.clear();
    for (const [sessionId, lines] of batch) {
      for (let i = 0; i < lines.length; i += MAX_BATCH) {
        try {
          await this.client.request(AppendSessionLogDocument, { sessionId, lines: lines.slice(i, i + MAX_BATCH) });
        } catch (err) {
          this.logger.warn({ sessionId, err: (err as Error).message }, 'could not ship log lines');
          if (!isTransient(err)) continue;
          // The control plane is away for a moment: the lines wait for the next flush, in order.
          const kept = [...lines.slice(i), ...(this.pending.get(sessionId) ?? [])];
          this.pending.set(sessionId, kept.slice(-MAX_KEPT));
          break;
        }
      }
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
