import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Answer, CHAOS_CLUSTER_TOKEN, gqlAt, okAt } from './chaos-kit.js';

interface Command {
  id: string;
  kind: 'CREATE_SESSION' | 'STOP_SESSION' | 'STOP_CONTAINER';
  sessionId: string | null;
  payload: Record<string, any>;
}

const COMMANDS = `subscription { workerCommands { id kind sessionId payload } }`;
const REPORT = `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`;
const COMPLETE = `mutation($id: ID!) { completeWorkerCommand(id: $id, input: { ok: true }) }`;

/**
 * A worker simulated over the public worker protocol, with an in-memory "container engine": it
 * registers, heartbeats its inventory, takes commands over graphql-ws (reconnecting forever, as the
 * real agent does), creates desktops (PROVISIONING → READY) and stops them, idempotently.
 */
export class SimWorker {
  /** Its containers by session id. */
  readonly containers = new Map<string, { name: string; sessionId: string; state: string }>();
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heartbeating = false;
  private stopped = false;

  private constructor(
    private readonly baseUrl: string,
    readonly id: string,
    readonly credential: string,
  ) {}

  /** Registers through `baseUrl` (the control plane, or a proxy in front of it). */
  static async register(baseUrl: string, code: string, capacity = { cpus: 8, memoryMb: 12288 }): Promise<SimWorker> {
    const r = await okAt<any>(baseUrl, `mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } credential } }`, {
      i: { clusterToken: CHAOS_CLUSTER_TOKEN, code, name: code, apiBaseUrl: `http://127.0.0.1:9/${code}`, version: 'sim', capacity },
    });
    return new SimWorker(baseUrl, r.registerWorker.worker.id, r.registerWorker.credential);
  }

  /** Starts heartbeating every `everyMs` and taking commands. */
  start(everyMs = 500): void {
    this.client = createClient({
      url: `${this.baseUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.credential}` },
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait: () => new Promise((r) => setTimeout(r, 300)),
      shouldRetry: () => true,
      lazy: false,
      onNonLazyError: () => {},
    });
    this.follow();
    this.timer = setInterval(() => void this.heartbeat(), everyMs);
    void this.heartbeat();
  }

  /** Takes commands; opened again when the control plane ends the subscription, as the agent does. */
  private follow(): void {
    let ended = false;
    const again = () => {
      if (ended || this.stopped) return;
      ended = true;
      setTimeout(() => this.follow(), 300);
    };
    this.client?.subscribe<{ workerCommands: Command }>(
      { query: COMMANDS },
      { next: (m) => m.data && void this.handle(m.data.workerCommands).catch(() => {}), error: again, complete: again },
    );
  }

  /** One heartbeat with the current inventory; a failure (control plane unreachable) is ignored, as the agent does. */
  async heartbeat(): Promise<void> {
    if (this.heartbeating) return;
    this.heartbeating = true;
    const inventory = [...this.containers.values()];
    await gqlAt(
      this.baseUrl,
      `mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status } }`,
      { i: { driver: { reachable: true, version: 'sim' }, usage: { cpuPercent: 5, memoryUsedMb: 1024 }, inventory } },
      this.credential,
    );
    this.heartbeating = false;
  }

  /** The host rebooted: every container is gone, the agent comes back with an empty engine. */
  reboot(): void {
    this.containers.clear();
  }

  /** Commands received so far (counted before they run). */
  received = 0;
  private gate: Promise<void> = Promise.resolve();

  /** Holds every command received from now on until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((r) => (release = r));
    return release;
  }

  private async handle(c: Command): Promise<void> {
    this.received += 1;
    await this.gate;
    const sessionId = c.sessionId ?? c.payload.sessionId;
    if (c.kind === 'CREATE_SESSION') {
      // Redelivered after a cut or a restart: the container may exist already; the reports are
      // sent again (the control plane refuses the ones it has), and only then is it acknowledged.
      const name = this.containers.get(sessionId)?.name ?? `sim_${sessionId.slice(0, 8)}`;
      this.containers.set(sessionId, { name, sessionId, state: 'running' });
      await this.report({ sessionId, state: 'PROVISIONING', workerRoute: name });
      await this.report({ sessionId, state: 'READY', connection: { protocol: 'test', username: 'desktop', password: 'sim-password' } });
    } else {
      for (const [id, box] of this.containers)
        if (id === sessionId || box.name === c.payload.name || box.name === c.payload.workerRoute) this.containers.delete(id);
    }
    const ack = await this.untilTaken(COMPLETE, { id: c.id });
    if (ack.errors?.length) throw new Error(`acknowledgement refused: ${JSON.stringify(ack.errors)}`);
  }

  /** A session report; the control plane refusing it (already past that state) is fine, not reaching it is not. */
  private async report(input: Record<string, unknown>): Promise<void> {
    await this.untilTaken(REPORT, { i: input });
  }

  /**
   * Sent again (250 ms doubling to 2 s, for up to a minute) while the control plane is unreachable or
   * its database unavailable, as the agent does with its READY reports and acknowledgements.
   */
  private async untilTaken(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const until = Date.now() + 60_000;
    for (let wait = 250; ; wait = Math.min(wait * 2, 2_000)) {
      const r = await gqlAt(this.baseUrl, query, variables, this.credential);
      const transient = r.networkError || r.status >= 500 || r.errors?.[0]?.extensions?.code === 'DATABASE_UNAVAILABLE';
      if (!transient) return r;
      if (this.stopped || Date.now() + wait > until) throw new Error(`not delivered: ${r.networkError ?? r.errors?.[0]?.message ?? r.status}`);
      await new Promise((res) => setTimeout(res, wait));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.client?.dispose();
  }
}
