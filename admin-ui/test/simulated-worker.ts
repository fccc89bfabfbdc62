import type { Client } from 'graphql-ws';
import { CLUSTER_TOKEN, heartbeat, type TestServer } from '../../server/test/harness.js';

/** A command as the simulated worker receives it. */
export interface SimCommand {
  id: string;
  kind: string;
  sessionId: string | null;
}

/**
 * A worker agent simulated over the public API: it registers, heartbeats, receives
 * `workerCommands`, and the test decides what it answers (report PROVISIONING/READY, log lines,
 * a failure). STOP_SESSION commands are acknowledged by themselves. Its gateway address is a
 * closed loopback port, so a viewer reaches "connecting" and then fails, never a stranger.
 */
export interface SimWorker {
  id: string;
  credential: string;
  /** The next command of `kind` (for `sessionId` when given), waiting up to 15 s. */
  next(kind: string, sessionId?: string): Promise<SimCommand>;
  report(sessionId: string, state: string, extra?: Record<string, unknown>): Promise<void>;
  log(sessionId: string, lines: string[]): Promise<void>;
  complete(commandId: string, ok: boolean, error?: string): Promise<void>;
  /** Receives the create of `sessionId`, reports PROVISIONING, the log with credentials, and READY. */
  provision(sessionId: string, connection?: Record<string, unknown>): Promise<void>;
  stop(): void;
}

const COMMANDS = 'subscription { workerCommands { id kind sessionId } }';

/** Starts a simulated worker with `slots` desktop slots (1.5 vCPU / 2 GiB each, as the defaults size them). */
export async function startSimWorker(t: TestServer, code: string, slots = 2): Promise<SimWorker> {
  const capacity = { cpus: 1 + 1.5 * slots, memoryMb: 1024 + 2048 * slots };
  const r = await t.ok<{ registerWorker: { worker: { id: string }; credential: string } }>(
    'mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } credential } }',
    { i: { clusterToken: CLUSTER_TOKEN, code, name: code, apiBaseUrl: 'http://127.0.0.1:9', version: 'sim', capacity } },
  );
  const { id } = r.registerWorker.worker;
  const credential = r.registerWorker.credential;
  await heartbeat(t, credential);
  const beat = setInterval(() => void heartbeat(t, credential).catch(() => undefined), 10_000);
  const seen: SimCommand[] = [];
  const waiters: (() => void)[] = [];
  const ws: Client = t.ws(credential);
  const unsubscribe = ws.subscribe<{ workerCommands: SimCommand }>(
    { query: COMMANDS },
    {
      next: (v) => {
        const c = v.data?.workerCommands;
        if (!c || seen.some((s) => s.id === c.id)) return;
        seen.push(c);
        if (c.kind === 'STOP_SESSION') void complete(c.id, true);
        for (const w of waiters.splice(0)) w();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  const gql = (q: string, v: Record<string, unknown>) => t.ok(q, v, credential);
  const complete = async (commandId: string, ok: boolean, error?: string) => {
    await gql('mutation($id: ID!, $i: CommandResultInput!) { completeWorkerCommand(id: $id, input: $i) }', {
      id: commandId,
      i: { ok, ...(error ? { error } : {}) },
    });
  };
  const report = async (sessionId: string, state: string, extra: Record<string, unknown> = {}) => {
    await gql('mutation($i: ReportSessionInput!) { reportSession(input: $i) }', { i: { sessionId, state, ...extra } });
  };
  const log = async (sessionId: string, lines: string[]) => {
    await gql('mutation($s: ID!, $l: [String!]!) { appendSessionLog(sessionId: $s, lines: $l) }', { s: sessionId, l: lines });
  };
  const next = async (kind: string, sessionId?: string): Promise<SimCommand> => {
    const deadline = Date.now() + 15_000;
    const taken = new Set<string>();
    for (;;) {
      const found = seen.find((c) => c.kind === kind && (!sessionId || c.sessionId === sessionId) && !taken.has(c.id));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${kind} command${sessionId ? ` for ${sessionId}` : ''} within 15 s`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  };
  return {
    id,
    credential,
    next,
    report,
    log,
    complete,
    async provision(sessionId, connection = { protocol: 'test', username: 'desktop', password: 'pw-sim-0001' }) {
      const create = await next('CREATE_SESSION', sessionId);
      await report(sessionId, 'PROVISIONING', { workerRoute: `quack_${sessionId.slice(0, 8)}` });
      await log(sessionId, ['Provisioning test machine…', `Login: ${connection.username}`, `Password: ${connection.password}`, 'VDI-READY']);
      await report(sessionId, 'READY', { connection });
      await complete(create.id, true);
    },
    stop() {
      clearInterval(beat);
      unsubscribe();
    },
  };
}
