import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';
import { TOO_MANY_SUBSCRIPTIONS } from '../graphql/subscription-limits.js';

/** The server still answers: a query and a worker's heartbeat both succeed, quickly. */
async function stillServing(t: TestServer, credential: string): Promise<void> {
  const started = performance.now();
  expect((await t.ok<{ me: { username: string } }>(`{ me { username } }`, {}, t.adminToken)).me.username).toBe('admin');
  await heartbeat(t, credential);
  expect(performance.now() - started).toBeLessThan(1000);
}

/**
 * CPU time this process spends in `fn` (server and client alike), in ms: unlike the wall clock, it
 * does not grow when other work shares the machine.
 */
async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** A graphql-ws connection, acknowledged, spoken to directly so a burst leaves at once. */
async function rawConnection(t: TestServer, token: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(`${t.server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && resolve());
    socket.once('close', (code) => reject(new Error(`closed ${code} before ack`)));
  });
  return { socket, closed };
}

function subscribeBurst(socket: WebSocket, from: number, count: number): void {
  const query = 'subscription { sessionUpdated { id state } }';
  for (let i = from; i < from + count; i++) socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query } }));
}

describe('abuse: hostile documents and subscription floods end quickly and leave the server answering', () => {
  let t: TestServer;
  let worker: { credential: string };
  let user: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestServer({ VDI_WS_MAX_SUBSCRIPTIONS: '100', VDI_WS_MAX_SUBSCRIPTIONS_PER_USER: '300' });
    worker = await registerWorker(t, 'abuse-w');
    user = await t.user('USER');
  });
  afterAll(() => t.close());

  it('refuses 50 chained fragments, each spreading the next twice, with QUERY_TOO_COMPLEX at once (anonymous)', async () => {
    const fragments = Array.from({ length: 50 }, (_, i) =>
      i === 49 ? `fragment F${i} on Query { __typename }` : `fragment F${i} on Query { __typename ...F${i + 1} ...F${i + 1} }`,
    );
    const started = performance.now();
    const r = await t.gql(`query { ...F0 }\n${fragments.join('\n')}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    await stillServing(t, worker.credential);
  });

  it('refuses a flat 253 KB document of 23,000 fields with QUERY_TOO_COMPLEX before validating it (anonymous)', async () => {
    const query = `{ ${'__typename '.repeat(23_000)}}`;
    expect(query.length).toBeGreaterThan(250_000);
    const started = performance.now();
    const r = await t.gql(query);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0]?.message).toMatch(/more than 2000 tokens/);
    await stillServing(t, worker.credential);
  });

  it('refuses too many aliases and directives with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect((await t.gql(`{ ${aliases} }`)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const directives = Array.from({ length: 51 }, () => '@include(if: true)').join(' ');
    expect((await t.gql(`{ __typename ${directives} }`)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses the same hostile documents over graphql-ws with QUERY_TOO_COMPLEX, at once', async () => {
    const fragments = Array.from({ length: 50 }, (_, i) =>
      i === 49 ? `fragment F${i} on Subscription { sessionUpdated { id } }` : `fragment F${i} on Subscription { ...F${i + 1} ...F${i + 1} }`,
    );
    const started = performance.now();
    const chained = (await collect<any>(t.ws(user.token), `subscription { ...F0 }\n${fragments.join('\n')}`).errors) as { extensions?: { code?: string } }[];
    expect(chained[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const flat = (await collect<any>(t.ws(user.token), `subscription { ${'__typename '.repeat(23_000)}}`).errors) as { extensions?: { code?: string } }[];
    expect(flat[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(performance.now() - started).toBeLessThan(2000);
    await stillServing(t, worker.credential);
  });

  it('closes a graphql-ws connection whose message exceeds VDI_MAX_BODY_BYTES (1009)', async () => {
    const { socket, closed } = await rawConnection(t, user.token);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { sessionUpdated { id } } # ${'x'.repeat(300_000)}` } }));
    expect(await closed).toBe(1009);
    await stillServing(t, worker.credential);
  });

  it('closes a connection sending 20,000 subscribes with 4413 after the 100th, within a second or two', async () => {
    const { socket, closed } = await rawConnection(t, user.token);
    const cpu = await cpuMs(async () => {
      subscribeBurst(socket, 0, 20_000);
      expect(await closed).toBe(TOO_MANY_SUBSCRIPTIONS);
    });
    expect(cpu).toBeLessThan(2000);
    await stillServing(t, worker.credential);
  });

  it('closes 20 connections of one sign-in sending 1,000 subscribes each with 4413', async () => {
    const other = await t.user('USER');
    const connections = await Promise.all(Array.from({ length: 20 }, () => rawConnection(t, other.token)));
    let codes: number[] = [];
    const cpu = await cpuMs(async () => {
      for (const [n, { socket }] of connections.entries()) subscribeBurst(socket, n * 1000, 1000);
      codes = await Promise.all(connections.map((c) => c.closed));
    });
    // Each connection holds up to 100 subscriptions before it is closed (and gives them back), so
    // some 2,000 start and end here: about 2 s of CPU on a loaded machine, for client and server.
    expect(cpu).toBeLessThan(5000);
    expect(new Set(codes)).toEqual(new Set([TOO_MANY_SUBSCRIPTIONS]));
    await stillServing(t, worker.credential);
  });

  it('counts subscriptions per sign-in across connections: past 300 in all, the connection asking for more is closed with 4413', async () => {
    const other = await t.user('USER');
    const open = await Promise.all(Array.from({ length: 3 }, () => rawConnection(t, other.token)));
    for (const [n, { socket }] of open.entries()) subscribeBurst(socket, n * 100, 90);
    await new Promise((r) => setTimeout(r, 300));
    expect(open.map((c) => c.socket.readyState)).toEqual([WebSocket.OPEN, WebSocket.OPEN, WebSocket.OPEN]);
    const fourth = await rawConnection(t, other.token);
    subscribeBurst(fourth.socket, 1000, 31);
    expect(await fourth.closed).toBe(TOO_MANY_SUBSCRIPTIONS);
    expect(open.map((c) => c.socket.readyState)).toEqual([WebSocket.OPEN, WebSocket.OPEN, WebSocket.OPEN]);
    // Ended subscriptions and closed connections give their share back.
    for (const { socket } of open) socket.close();
    await Promise.all(open.map((c) => c.closed));
    const fresh = await Promise.all(Array.from({ length: 3 }, () => rawConnection(t, other.token)));
    for (const [n, { socket }] of fresh.entries()) subscribeBurst(socket, n * 100, 100);
    await new Promise((r) => setTimeout(r, 300));
    expect(fresh.map((c) => c.socket.readyState)).toEqual([WebSocket.OPEN, WebSocket.OPEN, WebSocket.OPEN]);
    for (const { socket } of fresh) socket.close();
  });
});
