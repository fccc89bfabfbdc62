import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Topic, type AppPubSub, type TopicPayloads } from './pubsub.js';
import type { Logger } from '../observability/logger.js';

const CHANNEL = 'vdi_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_800;
const FLUSH_MS = 5;

type Event = [Topic, unknown];

/**
 * Carries live events between server replicas through PostgreSQL LISTEN/NOTIFY: every event
 * published here is batched (one NOTIFY per flush, payloads under 8,000 bytes) and every event
 * another replica published is delivered to this one's subscribers. A dedicated connection
 * listens and reconnects by itself.
 */
export class PgEventBridge {
  private readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private queue: Event[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private retryMs = 500;

  constructor(
    private readonly databaseUrl: string,
    private readonly pubsub: AppPubSub,
    private readonly logger: Logger,
  ) {}

  /** Connects and starts forwarding. */
  async start(): Promise<void> {
    await this.connect();
    this.pubsub.setForwarder((topic, payload) => this.enqueue(topic, payload));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'vdi-events' });
    client.on('notification', (n) => this.receive(n.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
    this.retryMs = 500;
    this.logger.info('listening for events of other replicas (LISTEN/NOTIFY)');
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.logger.warn({ err: err.message, retryMs: this.retryMs }, 'replica event connection lost; reconnecting');
    const retry = () =>
      this.connect().catch((e: Error) => {
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
        this.logger.warn({ err: e.message }, 'replica event connection failed');
        if (!this.closed) setTimeout(retry, this.retryMs).unref();
      });
    setTimeout(retry, this.retryMs).unref();
  }

  private enqueue(topic: Topic, payload: unknown): void {
    this.queue.push([topic, payload]);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Sends what is queued: as few NOTIFYs as fit the payload limit. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.queue;
    this.queue = [];
    const client = this.client;
    if (!client || events.length === 0) {
      if (events.length) this.logger.warn({ dropped: events.length }, 'replica event connection down; events not forwarded');
      return;
    }
    try {
      for (const payload of this.pack(events)) await client.query(`select pg_notify($1, $2)`, [CHANNEL, payload]);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, dropped: events.length }, 'could not forward events to other replicas');
    }
  }

  private pack(events: Event[]): string[] {
    const head = `{"o":"${this.origin}","e":[`;
    const out: string[] = [];
    let parts: string[] = [];
    let size = head.length + 2;
    for (const ev of events.flatMap((e) => this.split(e))) {
      const json = JSON.stringify(ev);
      if (head.length + json.length + 2 > MAX_PAYLOAD) {
        this.logger.warn({ topic: ev[0], bytes: json.length }, 'event too large for NOTIFY; not forwarded');
        continue;
      }
      if (size + json.length + 1 > MAX_PAYLOAD) {
        out.push(`${head}${parts.join(',')}]}`);
        parts = [];
        size = head.length + 2;
      }
      parts.push(json);
      size += json.length + 1;
    }
    if (parts.length) out.push(`${head}${parts.join(',')}]}`);
    return out;
  }

  /** Log lines may exceed one NOTIFY: sent as several events. */
  private split(ev: Event): Event[] {
    if (ev[0] !== Topic.SESSION_LOG) return [ev];
    const p = ev[1] as TopicPayloads[Topic.SESSION_LOG];
    if (JSON.stringify(ev).length <= MAX_PAYLOAD - 100 || p.lines.length < 2) return [ev];
    const half = Math.ceil(p.lines.length / 2);
    return [...this.split([ev[0], { ...p, lines: p.lines.slice(0, half) }]), ...this.split([ev[0], { ...p, lines: p.lines.slice(half) }])];
  }

  private receive(raw: string | undefined): void {
    if (!raw) return;
    let msg: { o: string; e: Event[] };
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.o === this.origin) return;
    for (const [topic, payload] of msg.e) {
      if (!Object.values(Topic).includes(topic)) continue;
      this.pubsub.deliverLocal(topic, revive(topic, payload) as never);
    }
  }

  async dispose(): Promise<void> {
    this.pubsub.setForwarder(null);
    await this.flush();
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}

/** JSON turned Dates into strings; payload types want them back. */
function revive(topic: Topic, payload: unknown): unknown {
  const p = payload as Record<string, unknown>;
  if (topic === Topic.WORKER_HEARTBEAT) return { ...p, receivedAt: new Date(p.receivedAt as string) };
  if (topic === Topic.CLUSTER_SUMMARY_CHANGED) return { ...p, at: new Date(p.at as string) };
  return payload;
}
