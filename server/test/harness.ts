import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { inject } from 'vitest';
import { loadServerConfig, type ServerConfig } from '../src/config/config.js';
import { startServer, type RunningServer } from '../src/main.js';
import { createLogger } from '../src/observability/logger.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const CLUSTER_TOKEN = 'cluster-token-for-tests-0123456789';
export const GUAC_TOKEN_KEY = 'guac-token-key-for-tests-0123456789';

/** A new empty database on the run's PostgreSQL. */
export async function createTestDatabase(): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: `${admin}/postgres` });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return `${admin}/${name}`;
}

/** A GraphQL response. */
export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  status: number;
}

/** A control plane on a fresh database, with helpers to call it the way clients do. */
export interface TestServer {
  server: RunningServer;
  config: ServerConfig;
  dbUrl: string;
  /** POST /graphql. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Like gql, but throws on errors and returns data. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  adminToken: string;
  /** Creates a user (through the API) and returns its id and token. */
  user(role: 'ADMIN' | 'OPERATOR' | 'USER' | 'CANDIDATE', username?: string): Promise<{ id: string; token: string; username: string }>;
  /** A graphql-ws client on a real WebSocket. */
  ws(token?: string): Client;
  close(): Promise<void>;
}

/** Starts a server on a fresh database with test settings (`env` overrides), or on `reuse`'s database and port (a restart). */
export async function startTestServer(env: Record<string, string> = {}, reuse?: { dbUrl: string; port: number }): Promise<TestServer> {
  const dbUrl = reuse?.dbUrl ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-test-data-'));
  const config = loadServerConfig({
    NODE_ENV: 'test',
    PORT: String(reuse?.port ?? 0),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    VDI_DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
    GUAC_TOKEN_KEY,
    LOG_LEVEL: 'silent',
    VDI_HEARTBEAT_FLUSH_MS: '100',
    VDI_LOCAL_WORKER: 'false',
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  const clients: Client[] = [];
  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  };
  const ok = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> => {
    const r = await gql<T>(query, variables, token);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  };
  const login = async (username: string, password: string) =>
    (
      await ok<{ login: { token: string; user: { id: string } } }>(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }`,
        { u: username, p: password },
      )
    ).login;
  const adminToken = (await login('admin', ADMIN_PASSWORD)).token;
  let n = 0;
  return {
    server,
    config,
    dbUrl,
    gql,
    ok,
    adminToken,
    async user(role, username) {
      const name = username ?? `${role.toLowerCase()}-${++n}-${randomBytes(3).toString('hex')}`;
      const password = `pw-${name}-secret`;
      await ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { username: name, password, role } }, adminToken);
      const l = await login(name, password);
      return { id: l.user.id, token: l.token, username: name };
    },
    ws(token) {
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await server.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers a simulated worker through the real protocol; returns its id and credential. */
export async function registerWorker(
  t: TestServer,
  code: string,
  capacity = { cpus: 8, memoryMb: 12288 },
  credential?: string,
): Promise<{ id: string; credential: string }> {
  const r = await t.ok<{ registerWorker: { worker: { id: string }; credential: string } }>(
    `mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } credential } }`,
    { i: { clusterToken: CLUSTER_TOKEN, code, name: code, apiBaseUrl: `http://127.0.0.1:3000/${code}`, version: 'test', capacity } },
    credential,
  );
  return { id: r.registerWorker.worker.id, credential: r.registerWorker.credential };
}

/** Sends one heartbeat with a reachable engine; the raw answer, errors included. */
export async function heartbeatRaw(t: TestServer, credential: string, extra: Record<string, unknown> = {}) {
  return t.gql(
    `mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status drainStatus serverTime } }`,
    { i: { driver: { reachable: true, version: '28.2.2' }, usage: { cpuPercent: 12.5, memoryUsedMb: 2048 }, inventory: [], ...extra } },
    credential,
  );
}

/** Sends one heartbeat that must be accepted. */
export async function heartbeat(t: TestServer, credential: string, extra: Record<string, unknown> = {}) {
  const r = await heartbeatRaw(t, credential, extra);
  if (r.errors) throw new Error(`heartbeat refused: ${JSON.stringify(r.errors)}`);
  return r;
}

/** Collects the next `count` results of a subscription. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  count = 1,
): { done: Promise<T[]>; errors: Promise<unknown>; stop: () => void } {
  const items: T[] = [];
  let resolveDone!: (v: T[]) => void;
  let resolveErr!: (e: unknown) => void;
  const done = new Promise<T[]>((r) => (resolveDone = r));
  const errors = new Promise<unknown>((r) => (resolveErr = r));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) return resolveErr(v.errors);
        items.push(v.data as T);
        if (items.length >= count) resolveDone(items);
      },
      error: (e) => resolveErr(e),
      complete: () => resolveDone(items),
    },
  );
  return { done, errors, stop };
}
