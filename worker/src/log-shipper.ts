import type { Logger } from 'pino';
import type { ControlPlaneClient } from './control-plane-client.js';
import { AppendSessionLogDocument } from './gql/graphql.js';

const FLUSH_MS = 250;
const MAX_BATCH = 500;

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
    for (const [sessionId, lines] of this.pending) {
      this.pending.delete(sessionId);
      for (let i = 0; i < lines.length; i += MAX_BATCH) {
        try {
          await this.client.request(AppendSessionLogDocument, { sessionId, lines: lines.slice(i, i + MAX_BATCH) });
        } catch (err) {
          this.logger.warn({ sessionId, err: (err as Error).message }, 'could not ship log lines');
        }
      }
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
