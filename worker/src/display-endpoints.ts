import type Docker from 'dockerode';
import { LABELS, nameOf } from './docker-driver-labels.js';

/** Where a running desktop's display listens. */
export interface DisplayEndpoint {
  ip: string;
  /** The VNC port from the desktop's `vdi.display-port` label, or null (the kind's default). */
  displayPort: number | null;
}

/** How long a listing answers for desktops it holds (one that is missing is always looked up again). */
const MAX_AGE_MS = 500;

/**
 * The addresses of this worker's running desktops for the display gateway, from ONE engine call
 * for all of them (the running containers of this worker, desktops and their network holders),
 * shared by every connection that asks at the same time and reused for half a second (a removed desktop's address is not handed out for longer). When a class
 * opens its desktops at once, that is one listing instead of three engine calls per connection
 * queued behind the engine's own work (desktops being created). A session not in a listing
 * always gets a fresh one made after it asked, so a desktop that has just started is found.
 */
export class DisplayEndpoints {
  private listing: { at: number; bySession: Map<string, DisplayEndpoint> } | null = null;
  private inflight: { startedAt: number; done: Promise<Map<string, DisplayEndpoint>> } | null = null;

  constructor(
    private readonly docker: Docker,
    private readonly workerCode: string,
  ) {}

  /** The running desktop of a session on this worker, or null. */
  async find(sessionId: string): Promise<DisplayEndpoint | null> {
    const asked = performance.now();
    const known = this.listing && asked - this.listing.at < MAX_AGE_MS ? this.listing.bySession.get(sessionId) : undefined;
    if (known) return known;
    // A listing begun before this question may predate the desktop: then wait for one begun after it.
    if (this.inflight && this.inflight.startedAt < asked) await this.inflight.done.catch(() => undefined);
    return (await this.list()).get(sessionId) ?? null;
  }

  private list(): Promise<Map<string, DisplayEndpoint>> {
    if (this.inflight) return this.inflight.done;
    const startedAt = performance.now();
    const done = this.read(startedAt).finally(() => (this.inflight = null));
    this.inflight = { startedAt, done };
    return done;
  }

  private async read(startedAt: number): Promise<Map<string, DisplayEndpoint>> {
    // Every running container of this worker: its desktops and the holders of their sandboxes' networks.
    const running = await this.docker.listContainers({ filters: { label: [`${LABELS.worker}=${this.workerCode}`] } });
    const byName = new Map(running.map((c) => [nameOf(c), c]));
    const bySession = new Map<string, DisplayEndpoint>();
    for (const c of running) {
      const sessionId = c.Labels[LABELS.session];
      if (!sessionId || c.Labels[LABELS.managed] !== 'true') continue;
      // A desktop in a sandbox shares its holder's network namespace: the address is the holder's.
      const holder = c.Labels[LABELS.sandbox];
      const ip = ipOf(holder ? byName.get(holder) : c);
      if (ip) bySession.set(sessionId, { ip, displayPort: Number(c.Labels[LABELS.displayPort]) || null });
    }
    this.listing = { at: startedAt, bySession };
    return bySession;
  }
}

function ipOf(c: Docker.ContainerInfo | undefined): string | null {
  return Object.values(c?.NetworkSettings?.Networks ?? {}).find((n) => n.IPAddress)?.IPAddress ?? null;
}
