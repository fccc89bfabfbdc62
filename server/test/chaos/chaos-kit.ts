import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { expect } from 'vitest';
import { assertInvariants } from '../fleet.js';
import { freePort, type LaunchedServer, launchServer } from '../process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHAOS_ADMIN_PASSWORD = 'chaos-admin-password';
export const CHAOS_CLUSTER_TOKEN = 'chaos-cluster-token-0123456789';

/** A control plane process on its own data folder and embedded PostgreSQL, as `npm start` runs it. */
export interface ProcessServer extends LaunchedServer {
  port: number;
  url: string;
  dataDir: string;
}

/** A fresh data folder (mode 0755, as a newcomer's checkout folder would be). */
export function newDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vdi-chaos-${prefix}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Starts `server/src/main.ts` as its own process (through tsx, so no build is needed) on `dataDir`,
 * with no local worker. Pass the previous run's `port` to restart it where clients expect it.
 */
export async function launchOnDataDir(dataDir: string, env: Record<string, string> = {}, port?: number): Promise<ProcessServer> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const httpPort = port ?? (await freePort());
  const launched = await launchServer(process.execPath, ['--import', tsx, path.join(root, 'server/src/main.ts')], {
    NODE_ENV: '',
    VDI_DATA_DIR: dataDir,
    PORT: String(httpPort),
    HOST: '127.0.0.1',
    VDI_LOCAL_WORKER: 'false',
    ADMIN_PASSWORD: CHAOS_ADMIN_PASSWORD,
    WORKER_CLUSTER_TOKEN: CHAOS_CLUSTER_TOKEN,
    VDI_HEARTBEAT_FLUSH_MS: '100',
    ...env,
  });
  return { ...launched, port: httpPort, url: `http://127.0.0.1:${httpPort}`, dataDir };
}

/** The URL of the embedded PostgreSQL of a data folder (its port is recorded there at each start). */
export function embeddedDbUrl(dataDir: string): string {
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as { port: number };
  return `postgres://postgres:vdi-embedded@127.0.0.1:${port}/vdi`;
}

/** A GraphQL answer, or the network failure that took its place (the server was down). */
export interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  status: number;
  networkError?: string;
}

/** POST /graphql; a refused or cut connection is an answer too, never a throw. */
export async function gqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    return { ...((await res.json()) as object), status: res.status };
  } catch (err) {
    return { status: 0, networkError: (err as Error).message };
  }
}

/** Like gqlAt, but the data or a thrown error naming what went wrong. */
export async function okAt<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const r = await gqlAt(url, query, variables, token);
  if (r.errors?.length || r.networkError) throw new Error(`GraphQL failed: ${r.networkError ?? JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** Signs the seeded admin in. */
export async function adminToken(url: string): Promise<string> {
  return (await okAt<any>(url, `mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: CHAOS_ADMIN_PASSWORD })).login.token;
}

/** Polls until `probe` returns a truthy value (returned), or fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Nothing lost or doubled: the fleet invariants (no worker over its maximum, live counters equal
 * to held slots, every balance equal to the sum of its ledger and none negative), one session per
 * idempotency key, one PURCHASE per bought session, at most one REFUND per session and only for a
 * failed one, and no session left waiting (PENDING/PROVISIONING) when `settled`.
 */
export async function assertNothingLostOrDoubled(db: pg.Client, opts: { settled: boolean }): Promise<void> {
  await assertInvariants(db);
  const doubled = await db.query(
    `select owner_id, idempotency_key, count(*)::int from sessions where idempotency_key is not null group by 1, 2 having count(*) > 1`,
  );
  expect(doubled.rows).toEqual([]);
  const purchases = await db.query(
    `select s.id, s.state, (select count(*)::int from coin_ledger_entries l where l.session_id = s.id and l.kind = 'PURCHASE') as paid,
            (select count(*)::int from coin_ledger_entries l where l.session_id = s.id and l.kind = 'REFUND') as refunded
       from sessions s where s.owner_id is not null`,
  );
  const wrong = purchases.rows.filter(
    (r) => r.paid !== 1 || r.refunded > 1 || (r.refunded === 1 && r.state !== 'FAILED') || (r.state === 'FAILED' && r.refunded !== 1),
  );
  expect(wrong).toEqual([]);
  const slotless = await db.query(
    `select id, state from sessions where state not in ('DELETED','FAILED','EXPIRED') and worker_id is not null and slot_no is null`,
  );
  expect(slotless.rows).toEqual([]);
  const freed = await db.query(`select id, state from sessions where state in ('DELETED','FAILED','EXPIRED') and slot_no is not null`);
  expect(freed.rows).toEqual([]);
  if (opts.settled) {
    const waiting = await db.query(`select id, state from sessions where state in ('PENDING','PROVISIONING')`);
    expect(waiting.rows).toEqual([]);
  }
}

/** A TCP proxy on loopback that the test can cut (existing connections dropped, new ones refused) and restore. */
export class LoopbackProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private cutOff = false;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = net.createServer((client) => {
      if (this.cutOff) return void client.destroy();
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Drops every open connection and refuses new ones, as a cable pulled between the two. */
  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((r) => this.server.close(() => r()));
  }
}

export { freePort };
