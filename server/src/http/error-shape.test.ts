import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';

/** The one body every error answer has: errors with a message and extensions.code, and no transport-only `http`. */
function expectErrorBody(body: unknown, code: string): void {
  expect(body).toEqual({ errors: [expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })] });
  expect((body as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).not.toHaveProperty('http');
}

/** Sends a raw WebSocket upgrade for `path`; the status line and the JSON body of the refusal. */
function upgrade(
  port: number,
  path: string,
  headers = 'upgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n',
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${headers}\r\n`));
    let raw = '';
    socket.on('data', (d) => (raw += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) });
    });
  });
}

describe('HTTP edge errors: one body shape and code, through the one formatter', () => {
  let t: TestServer;
  beforeAll(async () => {
    // An admin UI directory without a build: `/` answers that it is not built.
    const unbuiltAdminUi = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-admin-ui-unbuilt-'));
    t = await startTestServer({
      VDI_MAX_BODY_BYTES: '16384',
      VDI_METRICS_TOKEN: 'metrics-token-for-the-error-shape-test',
      VDI_ADMIN_UI_DIST: unbuiltAdminUi,
    });
  });
  afterAll(() => t?.close());

  const post = (body: string, type = 'application/json') => fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });

  it('answers a body too large with 413 and BAD_REQUEST, and bad JSON with 400 and BAD_REQUEST', async () => {
    const large = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(20_000) } }));
    expect(large.status).toBe(413);
    expectErrorBody(await large.json(), 'BAD_REQUEST');
    const bad = await post('{ "query": ');
    expect(bad.status).toBe(400);
    expectErrorBody(await bad.json(), 'BAD_REQUEST');
  });

  it('answers what the guard refuses before Apollo with 400 and its code, details kept and no http extension', async () => {
    const nul = await post(JSON.stringify({ query: 'mutation($u: String!) { login(username: $u, password: "x") { token } }', variables: { u: 'a\u0000' } }));
    expect(nul.status).toBe(400);
    const body = await nul.json();
    expectErrorBody(body, 'BAD_USER_INPUT');
    expect(body.errors[0].extensions.field).toBe('$.u');
    const sub = await post(JSON.stringify({ query: 'subscription { workerHeartbeats { workerId } }' }));
    expect(sub.status).toBe(400);
    expectErrorBody(await sub.json(), 'SUBSCRIPTION_OVER_HTTP');
  });

  it('answers a bad token with 401 and UNAUTHENTICATED, on /graphql and on /metrics', async () => {
    const graphql = await fetch(`${t.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(graphql.status).toBe(401);
    expectErrorBody(await graphql.json(), 'UNAUTHENTICATED');
    const metrics = await fetch(`${t.server.url}/metrics`, { headers: { authorization: 'Bearer another-token' } });
    expect({ status: metrics.status, challenge: metrics.headers.get('www-authenticate') }).toEqual({ status: 401, challenge: 'Bearer' });
    expectErrorBody(await metrics.json(), 'UNAUTHENTICATED');
  });

  it('answers a path nothing serves with 404 and NOT_FOUND, over HTTP and as a WebSocket upgrade', async () => {
    const res = await fetch(`${t.server.url}/no-such-endpoint`, { method: 'POST' });
    expect(res.status).toBe(404);
    expectErrorBody(await res.json(), 'NOT_FOUND');
    const ws = await upgrade(t.server.port, '/no-such-socket');
    expect(ws.status).toBe(404);
    expectErrorBody(ws.body, 'NOT_FOUND');
  });

  it('answers an admin UI that is not built with 503 and NOT_FOUND, saying how to build it', async () => {
    const res = await fetch(`${t.server.url}/login`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expectErrorBody(body, 'NOT_FOUND');
    expect(body.errors[0].message).toContain('npm run build');
  });

  it('answers an unknown GraphiQL asset with 404 and NOT_FOUND, and still serves the known ones', async () => {
    const res = await fetch(`${t.server.url}/graphiql-assets/no-such-asset.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectErrorBody(await res.json(), 'NOT_FOUND');
    const known = await fetch(`${t.server.url}/graphiql-assets/graphiql-start.js`);
    expect(known.status).toBe(200);
  });

  it('refuses /desktop/ upgrades with the same body: BAD_REQUEST for a bad handshake, the display refusal with 403', async () => {
    const bad = await upgrade(t.server.port, '/desktop/00000000-0000-4000-8000-000000000000', 'upgrade: websocket\r\nconnection: Upgrade\r\n');
    expect(bad.status).toBe(400);
    expectErrorBody(bad.body, 'BAD_REQUEST');
    const noTicket = await upgrade(t.server.port, '/desktop/00000000-0000-4000-8000-000000000000?ticket=forged');
    expect(noTicket.status).toBe(403);
    expect((noTicket.body as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
  });
});
