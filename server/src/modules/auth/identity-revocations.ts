import type { AuthService } from './auth.service.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';

/**
 * Hears IDENTITY_REVOKED from every replica (the pubsub carries it over LISTEN/NOTIFY) and tells
 * this replica's AuthService: the identity is refused at once and its open connections close.
 */
export class IdentityRevocations {
  private stream: AsyncIterableIterator<unknown> | undefined;

  constructor(
    private readonly pubsub: AppPubSub,
    private readonly auth: AuthService,
  ) {}

  start(): void {
    const stream = this.pubsub.subscribe(Topic.IDENTITY_REVOKED);
    this.stream = stream;
    void (async () => {
      for await (const ev of stream) this.auth.revoked(ev.kind, ev.id, ev.closeConnections);
    })();
  }

  async dispose(): Promise<void> {
    await this.stream?.return?.();
  }
}
