import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './config.js';
import { ControlPlaneClient, ControlPlaneError } from './control-plane-client.js';
import { CompleteWorkerCommandDocument } from './gql/graphql.js';
import { LogShipper } from './log-shipper.js';
import { WebSocketServer } from 'ws';
import { collectingLogger } from '../test/log-lines.js';

type Answer = { status: number; body: string };
const down: Answer = {
  status: 200,
  body: JSON.stringify({ errors: [{ message: 'The database is unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
};
const badGateway: Answer = { status: 502, body: '<html>502 Bad Gateway</html>' };
const refused: Answer = { status: 200, body: JSON.stringify({ errors: [{ message: 'already READY', extensions: { code: 'ILLEGAL_STATE_TRANSITION' } }] }) };
const taken: Answer = { status: 200, body: JSON.stringify({ data: { completeWorkerCommand: true, appendSessionLog: true } }) };

/** A control plane on loopback that answers from a script (then `taken`), and what it received. */
async function scriptedControlPlane(script: Answer[]) {
  const bodies: { query: string; variables: any }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      bodies.push(JSON.parse(raw));
      const a = script.shift() ?? taken;
      res.writeHead(a.status, { 'content-type': a.body.startsWith('{') ? 'application/json' : 'text/html' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { logger, lines } = collectingLogger('info');
  const config = loadWorkerConfig({
    WORKER_CODE: 'retry',
    WORKER_CLUSTER_TOKEN: 'retry-test-cluster-token-0123456789abcdef',
    CONTROL_PLANE_API_BASE: url,
    WORKER_API_BASE_URL: 'http://127.0.0.1:3999/retry',
  });
  const client = new ControlPlaneClient(config, logger);
  return {
    client,
    bodies,
    lines,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('the worker through a control plane that is away for a moment', () => {
  const open: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c()));
  });

  it('tries an acknowledgement again while the database is unavailable or a proxy answers 502, until it is taken', async () => {
    const cp = await scriptedControlPlane([down, down, badGateway]);
    open.push(cp.close);
    const answer = await cp.client.requestUntilTaken('acknowledgement', CompleteWorkerCommandDocument, { id: 'c1', input: { ok: true } });
    expect(answer).toEqual({ completeWorkerCommand: true, appendSessionLog: true });
    expect(cp.bodies).toHaveLength(4);
    expect(cp.bodies.every((b) => b.variables.id === 'c1')).toBe(true);
    expect(cp.lines.filter((l) => l.includes('control plane unavailable; trying again'))).toHaveLength(3);
    expect(cp.lines.some((l) => l.includes('taken by the control plane after a retry'))).toBe(true);
  });

  it('does not repeat a request the control plane refused, and gives up on an outage after its time', async () => {
    const cp = await scriptedControlPlane([refused, down, down, down, down, down, down]);
    open.push(cp.close);
    const refusal = await cp.client.requestUntilTaken('READY report', CompleteWorkerCommandDocument, { id: 'c2', input: { ok: true } }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ControlPlaneError);
    expect(refusal.code).toBe('ILLEGAL_STATE_TRANSITION');
    expect(cp.bodies).toHaveLength(1);
    const outage = await cp.client.requestUntilTaken('READY report', CompleteWorkerCommandDocument, { id: 'c3', input: { ok: true } }, 600).catch((e) => e);
    expect(outage.code).toBe('DATABASE_UNAVAILABLE');
    expect(cp.bodies.length).toBeGreaterThanOrEqual(3);
    expect(cp.bodies.length).toBeLessThan(7);
  });

  it('keeps log lines through an outage and ships them once, in order, when the control plane is back', async () => {
    const cp = await scriptedControlPlane([down, badGateway]);
    open.push(cp.close);
    const shipper = new LogShipper(cp.client, pino({ level: 'silent' }));
    for (const l of ['one', 'two']) shipper.add('s1', l);
    await shipper.flush(); // refused: database unavailable
    shipper.add('s1', 'three');
    await shipper.flush(); // refused: 502
    await shipper.flush();
    await shipper.dispose();
    const shipped = cp.bodies.filter((_b, i) => i >= 2).flatMap((b) => b.variables.lines);
    expect(cp.bodies).toHaveLength(3);
    expect(shipped).toEqual(['one', 'two', 'three']);
  });

  it('opens its command channel again when the control plane ends it, or closes the socket with 4500 (which graphql-ws does not retry)', async () => {
    const cp = await scriptedControlPlane([]);
    open.push(cp.close);
    // A graphql-transport-ws server: the first subscription is completed by the server, the second
    // gets its socket closed with 4500, and on the next socket the command arrives.
    const wss = new WebSocketServer({ noServer: true, handleProtocols: () => 'graphql-transport-ws' });
    cp.server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
    let sockets = 0;
    let subscribes = 0;
    wss.on('connection', (ws) => {
      sockets++;
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw));
        if (m.type === 'connection_init') return ws.send(JSON.stringify({ type: 'connection_ack' }));
        if (m.type !== 'subscribe') return;
        subscribes++;
        if (subscribes === 1) ws.send(JSON.stringify({ id: m.id, type: 'complete' }));
        else if (subscribes === 2) ws.close(4500, 'Internal server error');
        else ws.send(JSON.stringify({ id: m.id, type: 'next', payload: { data: { workerCommands: { id: 'c-after' } } } }));
      });
    });
    const got: string[] = [];
    const stop = cp.client.follow<{ workerCommands: { id: string } }>('command channel', 'subscription { workerCommands { id } }', (d) =>
      got.push(d.workerCommands.id),
    );
    open.unshift(async () => {
      stop();
      await cp.client.subscriptions().dispose();
      for (const ws of wss.clients) ws.terminate();
    });
    const until = Date.now() + 15_000;
    while (got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(['c-after']);
    expect(subscribes).toBe(3);
    expect(sockets).toBe(2);
    expect(cp.lines.some((l) => l.includes('command channel was ended by the control plane; opening it again'))).toBe(true);
    expect(cp.lines.some((l) => l.includes('command channel failed; opening it again') && l.includes('closed 4500'))).toBe(true);
  });
});
