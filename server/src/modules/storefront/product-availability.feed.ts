import type { MikroORM } from '@mikro-orm/postgresql';
import type { ProductsService } from '../products/products.service.js';
import { Topic, type AppPubSub, type TopicPayloads } from '../../graphql/pubsub.js';
import type { Logger } from '../../observability/logger.js';

/** At most this many availability answers a second reach subscribers. */
const MIN_GAP_MS = 250;
/** Product edits announce nothing: while someone listens, availability is also read this often. */
const POLL_MS = 5_000;
/** Listeners count as present this long after the last event they were shown. */
const DEMAND_MS = 60_000;
const SOURCES = [Topic.WORKER_UPDATED, Topic.CLUSTER_SUMMARY_CHANGED, Topic.SESSION_UPDATED, Topic.PRODUCT_CHANGED] as const;

type Availability = TopicPayloads[Topic.PRODUCT_AVAILABILITY];

/**
 * The storefront's live "available": each replica hears capacity changes from every replica
 * (worker health, drain, status; a session taking or freeing a slot; a product change), reads the
 * free slots per active product at most four times a second, and hands its own subscribers the
 * list when it changed. Nothing of it crosses replicas: each computes for its own listeners.
 */
export class ProductAvailabilityFeed {
  private readonly streams: AsyncIterableIterator<unknown>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private lastRun = 0;
  private running: Promise<void> = Promise.resolve();
  private last = '';
  private demandAt = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly products: ProductsService,
    private readonly pubsub: AppPubSub,
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const topic of SOURCES) {
      const stream = this.pubsub.subscribe(topic);
      this.streams.push(stream);
      void (async () => {
        for await (const _ of stream) this.schedule();
      })();
    }
    this.poll = setInterval(() => {
      if (Date.now() - this.demandAt < DEMAND_MS) this.schedule();
    }, POLL_MS);
    this.poll.unref();
  }

  /** A subscriber was shown an answer: keep polling for product edits while someone listens. */
  noteDemand(): void {
    this.demandAt = Date.now();
  }

  /** Reads availability now (after any read in progress) and publishes it when it changed. */
  refresh(): Promise<void> {
    this.running = this.running.then(() => this.publishIfChanged()).catch((err: unknown) => this.logger.warn({ err }, 'product availability read failed'));
    return this.running;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRun + MIN_GAP_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRun = Date.now();
      void this.refresh();
    }, wait);
    this.timer.unref();
  }

  private async publishIfChanged(): Promise<void> {
    const list = await this.read();
    const key = JSON.stringify(list);
    if (key === this.last) return;
    this.last = key;
    this.pubsub.deliverLocal(Topic.PRODUCT_AVAILABILITY, list);
  }

  /** Free slots per active product, by name. */
  async read(): Promise<Availability> {
    const em = this.orm.em.fork();
    const products = await this.products.list(em, null, false);
    return products.map((p) => ({ productId: p.id, available: p.available }));
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    await Promise.all(this.streams.map((s) => s.return?.()));
    await this.running;
  }
}
