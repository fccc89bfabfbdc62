import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_TOKEN, startTestServer, type TestServer } from '../../../test/harness.js';

/** A message, a close or a pong seen by one end. */
type Seen = { kind: 'message'; data: Buffer; binary: boolean } | { kind: 'close'; code: number; reason: string } | { kind: 'pong'; data: Buffer };

/** Records what a WebSocket receives; `next(n)` resolves once n events have come. */
function recorder(ws: WebSocket) {
  const seen: Seen[] = [];
  const waiters: (() => void)[] = [];
  const push = (s: Seen) => {
    seen.push(s);
    for (const w of waiters.splice(0)) w();
  };
  ws.on('message', (data: Buffer, binary) => push({ kind: 'message', data, binary }));
  ws.on('close', (code, reason) => push({ kind: 'close', code, reason: reason.toString() }));
  ws.on('pong', (data) => push({ kind: 'pong', data }));
  const next = async (n: number) => {
    while (seen.length < n) await new Promise<void>((r) => waiters.push(r));
    return seen.slice(0, n);
  };
  return { seen, next };
}

describe('the desktop proxy joins the browser and the worker gateway frame for frame', () => {
  let t: TestServer;
  let db: pg.Client;
  let gateway: http.Server;
  let gatewaySide: Promise<{ ws: WebSocket; rec: ReturnType<typeof recorder>; url: string }>;
  let acceptGateway: (v: { ws: WebSocket; rec: ReturnType<typeof recorder>; url: string }) => void;
  let refuseNext = 0;
  let owner: { id: string; token: string };
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestServer();
    // A stand-in for the worker's display gateway on loopback, as the worker's is: ws, no compression.
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    gateway = http.createServer().on('upgrade', (req, socket, head) => {
      if (refuseNext) {
        socket.end(`HTTP/1.1 ${refuseNext} Unauthorized\r\nconnection: close\r\n\r\n`);
        refuseNext = 0;
        return;
      }
      wss.handleUpgrade(req, socket as net.Socket, head, (ws) => acceptGateway({ ws, rec: recorder(ws), url: req.url ?? '' }));
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const port = (gateway.address() as net.AddressInfo).port;
    const reg = await t.ok<any>(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } } }`, {
      i: { clusterToken: CLUSTER_TOKEN, code: 'splice-w', apiBaseUrl: `http://127.0.0.1:${port}`, capacity: { cpus: 8, memoryMb: 12288 } },
    });
    const product = (await t.ok<any>(`mutation { createProduct(input: { name: "Viewer", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    owner = await t.user('USER');
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    sessionId = (
      await db.query(
        `insert into sessions (id, product_id, worker_id, slot_no, state, owner_id, ready_at, connection_protocol) values (gen_random_uuid(), $1, $2, 0, 'READY', $3, now(), 'vnc') returning id`,
        [product, reg.registerWorker.worker.id, owner.id],
      )
    ).rows[0].id;
  });
  afterAll(async () => {
    await db?.end();
    gateway?.closeAllConnections();
    await new Promise((r) => gateway?.close(r));
    await t?.close();
  });

  /** Opens the viewer's WebSocket through the proxy with a fresh ticket; resolves with both ends. */
  const connect = async (options: WebSocket.ClientOptions = {}, protocols: string[] = ['binary']) => {
    gatewaySide = new Promise((r) => (acceptGateway = r));
    const url = (await t.ok<any>(`mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, { id: sessionId }, owner.token)).desktopAccess.url;
    const browser = new WebSocket(`${t.server.url.replace('http', 'ws')}${url}`, protocols, options);
    const rec = recorder(browser);
    await new Promise((resolve, reject) => {
      browser.once('open', resolve);
      browser.once('error', reject);
    });
    return { browser, rec, gw: await gatewaySide };
  };

  it('relays binary frames both ways unchanged and in order, a 5 MB one included, and answers the first subprotocol', async () => {
    const { browser, rec, gw } = await connect();
    expect(browser.protocol).toBe('binary');
    expect(gw.url).toMatch(new RegExp(`^/desktop/${sessionId}\\?token=`));
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    gw.ws.send(Buffer.from('RFB 003.008\n'));
    gw.ws.send(big);
    for (let i = 0; i < 100; i++) browser.send(Buffer.from([3, 0, i]));
    const down = await rec.next(2);
    expect(down.map((s) => s.kind === 'message' && s.data.toString('latin1', 0, 12))).toEqual(['RFB 003.008\n', '\x07'.repeat(12)]);
    expect(down[1]!.kind === 'message' && down[1]!.data.equals(big)).toBe(true);
    const up = await gw.rec.next(100);
    expect(up.map((s) => (s.kind === 'message' && s.binary ? s.data[2] : -1))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    browser.close();
  });

  it("carries the browser's ping to the gateway and its pong back", async () => {
    const { browser, rec } = await connect();
    browser.ping(Buffer.from('are you there'));
    const [pong] = await rec.next(1);
    expect(pong).toEqual({ kind: 'pong', data: Buffer.from('are you there') });
    browser.close();
  });

  it("ends both sides with the closing side's code: from the browser, and from the gateway", async () => {
    const a = await connect();
    a.browser.close(4001, 'viewer left');
    expect((await a.gw.rec.next(1))[0]).toEqual({ kind: 'close', code: 4001, reason: 'viewer left' });
    const b = await connect();
    b.gw.ws.close(4002, 'desktop stopped');
    expect((await b.rec.next(1))[0]).toEqual({ kind: 'close', code: 4002, reason: 'desktop stopped' });
  });

  it('negotiates no compression even when the browser offers it', async () => {
    const { browser, rec, gw } = await connect({ perMessageDeflate: true });
    expect(browser.extensions).toBe('');
    gw.ws.send(Buffer.from('plain'));
    expect((await rec.next(1))[0]).toMatchObject({ kind: 'message', data: Buffer.from('plain') });
    browser.close();
  });

  it("carries a READY desktop's way in on the session itself (Session.desktop): the owner's opens it once; an ADMIN or an operator, and a desktop not READY, get none", async () => {
    const read = async (token: string) =>
      (await t.ok<any>(`query($id: ID!) { session(id: $id) { state desktop { sessionId url password } } }`, { id: sessionId }, token)).session;
    const mine = await read(owner.token);
    expect(mine.desktop).toMatchObject({ sessionId, url: expect.stringMatching(new RegExp(`^/desktop/${sessionId}\\?ticket=`)) });
    // A fresh ticket each time it is asked.
    expect((await read(owner.token)).desktop.url).not.toBe(mine.desktop.url);
    gatewaySide = new Promise((r) => (acceptGateway = r));
    const open = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${t.server.url.replace('http', 'ws')}${url}`);
        ws.once('open', () => {
          resolve(101);
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => undefined);
      });
    expect(await open(mine.desktop.url)).toBe(101);
    expect((await gatewaySide).url).toMatch(new RegExp(`^/desktop/${sessionId}\\?token=`));
    expect(await open(mine.desktop.url)).toBe(403);
    const operator = await t.user('OPERATOR');
    expect(await read(operator.token)).toMatchObject({ state: 'READY', desktop: null });
    expect(await read(t.adminToken)).toMatchObject({ state: 'READY', desktop: null });
    await db.query(`update sessions set state = 'STOPPING' where id = $1`, [sessionId]);
    try {
      expect((await read(owner.token)).desktop).toBeNull();
    } finally {
      await db.query(`update sessions set state = 'READY' where id = $1`, [sessionId]);
    }
  });

  it('refuses a request that is not a WebSocket handshake with 400, and a gateway refusal with 502', async () => {
    const url = (await t.ok<any>(`mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, { id: sessionId }, owner.token)).desktopAccess.url;
    const status = await new Promise<number>((resolve) => {
      const req = http.get(`${t.server.url}${url}`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '12' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
    });
    expect(status).toBe(400);
    refuseNext = 401;
    const fresh = (await t.ok<any>(`mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, { id: sessionId }, owner.token)).desktopAccess.url;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${t.server.url.replace('http', 'ws')}${fresh}`);
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(refused).toBe(502);
  });
});
