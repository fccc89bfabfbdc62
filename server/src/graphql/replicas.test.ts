import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, createTestDatabase } from '../../test/harness.js';
import { freePort, launchServer, type LaunchedServer } from '../../test/process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const SHARED = {
  ADMIN_PASSWORD: 'replica-admin-password',
  JWT_SECRET: 'replica-jwt-secret-0123456789abcdef',
  WORKER_CLUSTER_TOKEN: 'replica-cluster-token-0123456789',
  VDI_ENCRYPTION_KEY: 'replica-encryption-key-0123456789',
  GUAC_TOKEN_KEY: 'replica-guac-token-key-0123456789',
  VDI_CROSS_REPLICA_EVENTS: 'true',
  VDI_LOCAL_WORKER: 'false',
  VDI_LOOP_INTERVAL_SEC: '0.2',
  VDI_HEARTBEAT_FLUSH_MS: '100',
};

describe('two server processes on one database (LISTEN/NOTIFY, advisory-locked loops)', () => {
  const servers: LaunchedServer[] = [];
  const clients: Client[] = [];
  const dirs: string[] = [];
  let urls: [string, string];
  let db: pg.Client;
  let admin: string;

  const gql = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const ws = (url: string, token: string) => {
    const c = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const dbUrl = await createTestDatabase();
    const ports = [await freePort(), await freePort()];
    // Started together: migrations take turns under their lock.
    servers.push(
      ...(await Promise.all(
        ports.map((port) => {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-replica-'));
          dirs.push(dir);
          return launchServer(tsx, [path.join(root, 'server/src/main.ts')], {
            ...SHARED,
            DATABASE_URL: dbUrl,
            PORT: String(port),
            HOST: '127.0.0.1',
            VDI_DATA_DIR: dir,
          });
        }),
      )),
    );
    urls = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`];
    admin = (await gql(urls[0], `mutation { login(username: "admin", password: "${SHARED.ADMIN_PASSWORD}") { token } }`)).login.token;
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await db?.end();
    for (const s of servers) s.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('migrated once and created one first admin', async () => {
    const admins = await db.query(`select count(*)::int as n from users where role = 'ADMIN'`);
    expect(admins.rows[0].n).toBe(1);
    expect(servers.filter((s) => s.output().includes('database migrated'))).toHaveLength(1);
  });

  it('shows a subscriber on one replica the session created through the other, and sends the worker its command across', async () => {
    const [a, b] = urls;
    const reg = (
      await gql(b, `mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } credential } }`, {
        i: { clusterToken: SHARED.WORKER_CLUSTER_TOKEN, code: 'replica-w', apiBaseUrl: 'http://127.0.0.1:3000', capacity: { cpus: 8, memoryMb: 12288 } },
      })
    ).registerWorker;
    await gql(b, `mutation { workerHeartbeat(input: { driver: { reachable: true } }) { status } }`, {}, reg.credential);
    // The worker listens on replica A; the purchase goes through replica B.
    const commands = collect<any>(ws(a, reg.credential), `subscription { workerCommands { kind sessionId } }`);
    const updates = collect<any>(ws(a, admin), `subscription { sessionUpdated { id state } }`);
    await new Promise((r) => setTimeout(r, 300));
    const productId = (await gql(b, `mutation { createProduct(input: { name: "Replica", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, admin))
      .createProduct.id;
    const user = (await gql(b, `mutation { createUser(input: { username: "replica-user", password: "replica-user-pw", role: USER }) { id } }`, {}, admin))
      .createUser.id;
    await gql(b, `mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 5, reason: "test" }) { id } }`, { u: user }, admin);
    const token = (await gql(b, `mutation { login(username: "replica-user", password: "replica-user-pw") { token } }`)).login.token;
    await new Promise((r) => setTimeout(r, 700)); // the new worker's heartbeat reaches the database
    const session = (await gql(b, `mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "replica-1") { id } }`, { p: productId }, token))
      .purchaseAndCreate;
    const timeout = (ms: number) => new Promise((_, reject) => setTimeout(() => reject(new Error('not delivered across replicas')), ms));
    const [update] = (await Promise.race([updates.done, timeout(5000)])) as any[];
    expect(update.sessionUpdated).toEqual({ id: session.id, state: 'PENDING' });
    const [command] = (await Promise.race([commands.done, timeout(5000)])) as any[];
    expect(command.workerCommands).toEqual({ kind: 'CREATE_SESSION', sessionId: session.id });
  });

  it('runs each background loop once: one expiry, one stop command, a warm pool filled to its target and no further', async () => {
    const [, b] = urls;
    const productId = (
      await gql(b, `mutation { createProduct(input: { name: "Timed", priceCoins: 0, provisionAction: TEST, durationMinutes: 1 }) { id } }`, {}, admin)
    ).createProduct.id;
    const worker = (await db.query(`select id from workers where code = 'replica-w'`)).rows[0].id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await db.query(
        `insert into sessions (id, product_id, worker_id, slot_no, state, owner_id, ready_at, expires_at) select gen_random_uuid(), $1, $2, $3, 'READY', (select id from users where username = 'replica-user'), now(), now() - interval '1 second' returning id`,
        [productId, worker, i + 1],
      );
      ids.push(r.rows[0].id);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const stops = await db.query(
      `select session_id, count(*)::int as n from worker_commands where kind = 'STOP_SESSION' and session_id = any($1) group by session_id`,
      [ids],
    );
    expect(stops.rows.map((r) => r.n)).toEqual([1, 1, 1]);
    expect((await db.query(`select distinct state from sessions where id = any($1)`, [ids])).rows).toEqual([{ state: 'EXPIRED' }]);
    await gql(b, `mutation($p: ID!) { prewarm(productId: $p, count: 2) { target } }`, { p: productId }, admin);
    await new Promise((r) => setTimeout(r, 1500));
    const warm = await db.query(
      `select count(*)::int as n from sessions where owner_id is null and product_id = $1 and state not in ('DELETED','FAILED','EXPIRED')`,
      [productId],
    );
    expect(warm.rows[0].n).toBe(2);
  });
});
