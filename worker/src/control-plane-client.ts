import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { Logger } from 'pino';
import type { TypedDocumentString } from './gql/graphql.js';
import { RegisterWorkerDocument } from './gql/graphql.js';
import type { WorkerConfig } from './config.js';

/** An error the control plane answered with. */
export class ControlPlaneError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * True when the same request may be taken a moment later: the control plane was not reached, did
 * not answer in time or not with JSON (a proxy's 502), or answered that its database is away (it
 * restarts an embedded one by itself). A refusal (a state already passed, a bad credential) is not.
 */
export function isTransient(err: unknown): boolean {
  return !(err instanceof ControlPlaneError) || err.code === 'DATABASE_UNAVAILABLE';
}

/** How long a report that decides a desktop's fate is tried again while the control plane is away. */
export const REPORT_RETRY_MS = 120_000;

/**
 * Everything the worker says to the control plane: GraphQL over HTTP (with a timeout) and one
 * graphql-ws connection that reconnects by itself. The worker only dials out.
 */
export class ControlPlaneClient {
  private credential: string | undefined;
  private ws: Client | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly logger: Logger,
  ) {}

  /** POST /graphql with the worker credential (or `credential`); throws ControlPlaneError with the server's code. */
  async request<R, V>(doc: TypedDocumentString<R, V>, variables: V, auth = true, credential = this.credential): Promise<R> {
    const res = await fetch(this.config.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth && credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query: doc.toString(), variables }),
      signal: AbortSignal.timeout(this.config.apiTimeoutMs),
    });
    const body = (await res.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new ControlPlaneError(body.errors[0]!.message, body.errors[0]!.extensions?.code);
    return body.data as R;
  }

  /**
   * request(), tried again (250 ms, doubling to 5 s, jittered) while the failure is transient, for at
   * most `giveUpMs`: a READY report or an acknowledgement lost to a database restart would leave the
   * desktop waiting for a delivery that only a reconnect brings. Only for idempotent requests.
   */
  async requestUntilTaken<R, V>(what: string, doc: TypedDocumentString<R, V>, variables: V, giveUpMs = REPORT_RETRY_MS): Promise<R> {
    const until = Date.now() + giveUpMs;
    for (let attempt = 1, wait = 250; ; attempt++, wait = Math.min(wait * 2, 5_000)) {
      try {
        const answer = await this.request(doc, variables);
        if (attempt > 1) this.logger.info({ what, attempt }, 'taken by the control plane after a retry');
        return answer;
      } catch (err) {
        if (!isTransient(err) || Date.now() + wait > until) throw err;
        this.logger.warn({ what, attempt, retryInMs: wait, err: (err as Error).message }, 'control plane unavailable; trying again');
        await new Promise((r) => setTimeout(r, wait * (0.75 + Math.random() / 2)));
      }
    }
  }

  /**
   * Joins with the cluster token, retrying with randomised exponential backoff until the control
   * plane answers; keeps the credential in `<stateDir>/credential` (0600). A worker that was
   * registered before presents its kept credential too: the control plane refuses the cluster
   * token alone for a code that holds one (CONFLICT), so that no other machine can take it over.
   */
  async register(version: string, signal?: AbortSignal): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        const input = {
          clusterToken: this.config.clusterToken,
          code: this.config.code,
          name: this.config.name,
          apiBaseUrl: this.config.apiBaseUrl,
          version,
          capacity: this.config.capacity,
        };
        const kept = this.credential ?? this.loadCredential();
        const r = await this.request(RegisterWorkerDocument, { input }, true, kept).catch((err: unknown) => {
          // A kept credential that was revoked: join again with the cluster token alone.
          if (kept && err instanceof ControlPlaneError && err.code === 'UNAUTHENTICATED') return this.request(RegisterWorkerDocument, { input }, false);
          throw err;
        });
        this.credential = r.registerWorker.credential;
        this.saveCredential(this.credential);
        this.logger.info({ worker: r.registerWorker.worker.code, maxSessions: r.registerWorker.worker.maxSessions }, 'registered with the control plane');
        return r.registerWorker.worker.id;
      } catch (err) {
        if (signal?.aborted) throw err;
        const delay = Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
        const why = explainRefusal(err, this.config.code);
        this.logger.warn({ attempt: attempt + 1, retryInMs: Math.round(delay) }, `registration failed: ${why}`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** The graphql-ws connection; it reconnects (with backoff) for as long as the worker runs. */
  subscriptions(): Client {
    this.ws ??= createClient({
      url: this.config.graphqlWsUrl,
      webSocketImpl: WebSocket,
      connectionParams: () => ({ authorization: `Bearer ${this.credential ?? ''}` }),
      retryAttempts: Number.MAX_SAFE_INTEGER,
      shouldRetry: () => true,
      retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(retries, 6)) * (0.5 + Math.random() / 2))),
      keepAlive: 10_000,
      lazy: false,
      // A close graphql-ws does not retry by itself (follow() opens the subscriptions again): said in one line.
      onNonLazyError: (err) => this.logger.warn({ err: describe(err) }, 'command channel connection ended'),
      on: {
        connected: () => this.logger.info('command channel connected'),
        closed: (e) => this.logger.warn({ code: (e as { code?: number })?.code }, 'command channel closed; reconnecting'),
      },
    });
    return this.ws;
  }

  /**
   * A subscription kept open for as long as the worker runs: when the control plane ends it
   * (a complete, an error, or a close graphql-ws will not retry by itself, such as 4500 after
   * a failure inside the control plane), it is opened again after a pause (1 s doubling to 30 s,
   * reset once data flows). Returns the function that ends it for good.
   */
  follow<T>(what: string, query: string, onData: (data: T) => void): () => void {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let failures = 0;
    const open = () => {
      let ended = false;
      const reopen = (why: string, err?: unknown) => {
        if (ended || stopped) return;
        ended = true;
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures++, 5)) * (0.75 + Math.random() / 2);
        this.logger.warn({ what, err: err ? describe(err) : undefined, retryInMs: Math.round(delay) }, `${what} ${why}; opening it again`);
        timer = setTimeout(open, delay);
      };
      unsubscribe = this.subscriptions().subscribe<T>(
        { query },
        {
          next: ({ data, errors }) => {
            if (errors?.length) return this.logger.error({ what, errors }, `${what} error`);
            failures = 0;
            if (data) onData(data);
          },
          error: (err) => reopen('failed', err),
          complete: () => reopen('was ended by the control plane'),
        },
      );
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }

  private loadCredential(): string | undefined {
    try {
      return fs.readFileSync(path.join(this.config.stateDir, 'credential'), 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private saveCredential(credential: string): void {
    fs.mkdirSync(this.config.stateDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.config.stateDir, 'credential');
    fs.writeFileSync(file, credential, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }

  async dispose(): Promise<void> {
    await this.ws?.dispose();
  }
}

/** Why a registration failed, in words an operator can act on. */
function explainRefusal(err: unknown, code: string): string {
  if (!(err instanceof ControlPlaneError)) return (err as Error).message;
  if (err.code === 'UNAUTHENTICATED') return 'the cluster token was refused (check WORKER_CLUSTER_TOKEN)';
  if (err.code === 'CONFLICT') {
    return `worker code ${code} is already registered with another credential (this machine's WORKER_STATE_DIR does not hold it: reinstalled, or another machine uses the same WORKER_CODE). If this machine is that worker, an admin revokes its credential (Workers page, or revokeWorkerCredential) and it joins on the next attempt; otherwise give it its own WORKER_CODE`;
  }
  return err.message;
}

/** What an error from a subscription says: an Error's message, a close event's code and reason, or GraphQL errors. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  const e = err as { code?: number; reason?: string };
  if (typeof e?.code === 'number') return `closed ${e.code}${e.reason ? ` (${e.reason})` : ''}`;
  return JSON.stringify(err);
}
