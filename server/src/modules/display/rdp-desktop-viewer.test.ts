import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_TOKEN, startTestServer, type TestServer } from '../../../test/harness.js';

/** Opens /desktop/:id; resolves with 'open' or the HTTP status it was refused with. */
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

describe('RDP desktops open in the browser viewer too (their VNC display, through the proxy)', () => {
  let t: TestServer;
  let db: pg.Client;
  let gateway: http.Server;
  let owner: { id: string; token: string };
  let session: (protocol: string) => Promise<string>;

  beforeAll(async () => {
    t = await startTestServer();
    // A stand-in for the worker's display gateway on loopback: it accepts every connection.
    const wss = new WebSocketServer({ noServer: true });
    gateway = http
      .createServer()
      .on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket as net.Socket, head, (ws) => ws.on('message', () => undefined)));
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const port = (gateway.address() as net.AddressInfo).port;
    const reg = await t.ok<any>(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } } }`, {
      i: { clusterToken: CLUSTER_TOKEN, code: 'rdp-view-w', apiBaseUrl: `http://127.0.0.1:${port}`, capacity: { cpus: 8, memoryMb: 12288 } },
    });
    const product = (
      await t.ok<any>(
        `mutation { createProduct(input: { name: "Linux VPS", priceCoins: 0, provisionAction: LINUX, linuxDesktop: DESKTOP }) { id } }`,
        {},
        t.adminToken,
      )
    ).createProduct.id;
    owner = await t.user('USER');
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    let slot = 0;
    session = async (protocol) =>
      (
        await db.query(
          `insert into sessions (id, product_id, worker_id, slot_no, state, owner_id, ready_at, connection_protocol, connection_host, connection_port)
           values (gen_random_uuid(), $1, $2, $3, 'READY', $4, now(), $5, '127.0.0.1', 40001) returning id`,
          [product, reg.registerWorker.worker.id, slot++, owner.id, protocol],
        )
      ).rows[0].id;
  });
  afterAll(async () => {
    await db?.end();
    await new Promise((r) => gateway?.close(r));
    await t?.close();
  });

  const access = (id: string) => t.gql<any>(`mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, { id }, owner.token);

  it('hands the owner a ticket for a READY rdp desktop, and the proxy opens it', async () => {
    const r = await access(await session('rdp'));
    expect(r.errors).toBeUndefined();
    expect(await openDesktop(t, r.data.desktopAccess.url)).toBe('open');
  });

  it('still refuses a desktop without a display (the test image) with CONFLICT', async () => {
    const r = await access(await session('test'));
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
