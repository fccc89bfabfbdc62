import type { Logger } from 'pino';
import { ControlPlaneError, type ControlPlaneClient } from './control-plane-client.js';
import { ReportSessionDocument } from './gql/graphql.js';

/** Engine states of a container whose process is gone for good (restart policy `no`). */
const DEAD_STATES = new Set(['exited', 'dead']);

/** One desktop container as the heartbeat's inventory lists it. */
export interface InventoryItem {
  name: string;
  sessionId: string | null;
  state: string;
}

/**
 * Reports desktops whose container stopped without an order: the engine restarted under them (no
 * live-restore by default: every container is stopped with it), or the desktop's process ended.
 * The session turns FAILED (refunded once, slot freed) and the orphan sweep then removes the
 * stopped container. A container that a command is creating or stopping is left to that command.
 */
export class DeadDesktops {
  /** Containers already reported, so a report is sent once per container, not every heartbeat. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly client: ControlPlaneClient,
    private readonly busy: (sessionId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  /** Checks one inventory (taken while the engine answered). */
  async check(inventory: InventoryItem[]): Promise<void> {
    const present = new Set(inventory.map((c) => c.name));
    for (const name of this.reported) if (!present.has(name)) this.reported.delete(name);
    const dead = inventory.filter((c) => c.sessionId && DEAD_STATES.has(c.state) && !this.reported.has(c.name) && !this.busy(c.sessionId));
    for (const c of dead) await this.report(c.name, c.sessionId!, c.state);
  }

  private async report(name: string, sessionId: string, state: string): Promise<void> {
    const error = `the desktop's container ${name} is ${state}: it stopped without an order (the container engine restarted, or the desktop's process ended)`;
    try {
      await this.client.request(ReportSessionDocument, { input: { sessionId, state: 'FAILED', error } });
      this.reported.add(name);
      this.logger.warn({ sessionId, container: name, state }, 'desktop container stopped without an order; session reported failed');
    } catch (err) {
      // Not this worker's session (any more): nothing to report; anything else is tried at the next heartbeat.
      if (err instanceof ControlPlaneError && err.code === 'NOT_FOUND') this.reported.add(name);
      this.logger.warn({ sessionId, container: name, err: (err as Error).message }, 'could not report a stopped desktop');
    }
  }
}
