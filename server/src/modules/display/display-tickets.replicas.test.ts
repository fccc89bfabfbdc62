import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_TOKEN, startTestServer, type TestServer } from '../../../test/harness.js';

const SHARED = { JWT_SECRET: 'display-replicas-jwt-secret-0123456789' };

/** Opens /desktop/:id on a server; resolves with 'open' or the HTTP status it was refused with. */
function openDesktop(t: TestServer, url: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.server.url.replace('http', 'ws')}${url}`);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('desktop tickets are single-use across replicas (PostgreSQL-backed)', () => {
  let a: TestServer;
  let b: TestServer;
  let db: pg.Client;
  let gateway: http.Server;
  let owner: { id: string; token: string };
  let sessionId: string;

  beforeAll(async () => {
    a = await startTestServer(SHARED);
    b = await startTestServer(SHARED, { dbUrl: a.dbUrl, port: 0 });
    // A stand-in for the worker's display gateway, on loopback: it accepts every connection.
    const wss = new WebSocketServer({ noServer: true });
    gateway = http
      .createServer()
      .on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket as net.Socket, head, (ws) => ws.on('message', () => undefined)));
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const port = (gateway.address() as net.AddressInfo).port;
    const reg = await a.ok<any>(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } } }`, {
      i: { clusterToken: CLUSTER_TOKEN, code: 'display-w', apiBaseUrl: `http://127.0.0.1:${port}`, capacity: { cpus: 8, memoryMb: 12288 } },
    });
    const product = (await a.ok<any>(`mutation { createProduct(input: { name: "Viewer", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, a.adminToken))
      .createProduct.id;
    owner = await a.user('USER');
    db = new pg.Client({ connectionString: a.dbUrl });
    await db.connect();
    const row = await db.query(
      `insert into sessions (id, product_id, worker_id, slot_no, state, owner_id, ready_at, connection_protocol) values (gen_random_uuid(), $1, $2, 0, 'READY', $3, now(), 'vnc') returning id`,
      [product, reg.registerWorker.worker.id, owner.id],
    );
    sessionId = row.rows[0].id;
  });
  afterAll(async () => {
    await db?.end();
    await new Promise((r) => gateway?.close(r));
    await b?.close();
    await a?.close();
  });

  const ticketUrl = async (server: TestServer) =>
    (await server.ok<any>(`mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, { id: sessionId }, owner.token)).desktopAccess.url as string;

  it('opens a desktop once with a ticket from one replica, and refuses the same ticket on the other (403)', async () => {
    const url = await ticketUrl(a);
    expect(await openDesktop(b, url)).toBe('open');
    expect(await openDesktop(a, url)).toBe(403);
    expect(await openDesktop(b, url)).toBe(403);
    const fresh = await ticketUrl(b);
    expect(await openDesktop(a, fresh)).toBe('open');
  });

  it('refuses one ticket raced on both replicas at once everywhere but once', async () => {
    const url = await ticketUrl(a);
    const results = await Promise.all([openDesktop(a, url), openDesktop(b, url), openDesktop(a, url), openDesktop(b, url)]);
    expect(results.filter((r) => r === 'open')).toHaveLength(1);
    expect(results.filter((r) => r === 403)).toHaveLength(3);
  });

  it('keeps used tickets until they expire, then sweeps them', async () => {
    await db.query(`insert into used_display_tickets (id, expires_at) values (gen_random_uuid(), now() - interval '1 minute')`);
    const used = await db.query(`select count(*)::int as n from used_display_tickets where expires_at > now()`);
    expect(used.rows[0].n).toBeGreaterThanOrEqual(3);
    // A replica that has not swept yet sweeps on its next redemption.
    const c = await startTestServer(SHARED, { dbUrl: a.dbUrl, port: 0 });
    try {
      expect(await openDesktop(c, await ticketUrl(c))).toBe('open');
      expect((await db.query(`select count(*)::int as n from used_display_tickets where expires_at <= now()`)).rows[0].n).toBe(0);
    } finally {
      await c.close();
    }
  });
});
