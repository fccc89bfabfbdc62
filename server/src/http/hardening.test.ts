import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';

const JWT_SECRET = 'hardening-jwt-secret-0123456789abcdef';

describe('HTTP hardening', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      VDI_GRAPHQL_MAX_DEPTH: '5',
      VDI_GRAPHQL_MAX_COMPLEXITY: '500',
      VDI_MAX_BODY_BYTES: '16384',
      JWT_SECRET,
      VDI_LOGIN_MAX_FAILURES: '3',
    });
  });
  afterAll(() => t.close());

  it('refuses a too-deep query with QUERY_TOO_COMPLEX', async () => {
    const r = await t.gql(`{ products { eligibleWorkers { inventory { name } } } }`, {}, t.adminToken);
    expect(r.errors).toBeUndefined();
    const deep = await t.gql(`{ sessions { edges { node { product { eligibleWorkers { capacity { cpus } } } } } } }`, {}, t.adminToken);
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a too-costly query with QUERY_TOO_COMPLEX (page size × fields)', async () => {
    const fields = 'id username role coinBalance disabled createdAt';
    expect((await t.gql(`{ users(first: 50) { edges { node { ${fields} } } } }`, {}, t.adminToken)).errors).toBeUndefined();
    const r = await t.gql(`{ users(first: 200) { edges { cursor node { ${fields} } } } }`, {}, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses an oversized body with 413 and BAD_REQUEST', async () => {
    const res = await fetch(`${t.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(20_000) } }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('blocks CSRF-able requests (text/plain POST, GET without a preflight header)', async () => {
    const post = await fetch(`${t.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(post.status).toBe(400);
    const get = await fetch(`${t.server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    const allowed = await fetch(`${t.server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it.each(['', 'Login'])('refuses operationName %j that names no operation with GRAPHQL_VALIDATION_FAILED, not an internal error', async (operationName) => {
    const res = await fetch(`${t.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', operationName }),
    });
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Unknown operation/);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    expect((await t.gql(`{ me { id `)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await t.gql(`{ me { password } }`)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers client mistakes with HTTP 400, not 500: syntax, unknown field, wrong variable type, unknown operation', async () => {
    const post = (body: unknown) =>
      fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cases: [unknown, string][] = [
      [{ query: '{ me { id ' }, 'GRAPHQL_PARSE_FAILED'],
      [{ query: '{ me { password } }' }, 'GRAPHQL_VALIDATION_FAILED'],
      [{ query: 'query($n: Int) { users(first: $n) { totalCount } }', variables: { n: 'many' } }, 'BAD_USER_INPUT'],
      [{ query: 'mutation($u: String!) { login(username: $u, password: "x") { token } }', variables: {} }, 'BAD_USER_INPUT'],
      [{ query: '{ me { id } }', operationName: 'Other' }, 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      const json = await res.json();
      expect({ body, status: res.status, code: json.errors[0].extensions.code }).toEqual({ body, status: 400, code });
    }
  });

  it('refuses NUL characters in variables and in string literals with BAD_USER_INPUT (HTTP 400), over HTTP and graphql-ws', async () => {
    const viaVariable = await t.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'ad\u0000min', p: 'x' });
    expect({ status: viaVariable.status, code: viaVariable.errors?.[0]?.extensions?.code, field: viaVariable.errors?.[0]?.extensions?.field }).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      field: '$.u',
    });
    const nested = await t.gql(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { username: 'nul-user', password: 'pass\u0000word', role: 'USER' } },
      t.adminToken,
    );
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$.i.password' });
    const literal = await t.gql('mutation { login(username: "ad\\u0000min", password: "x") { token } }');
    expect({ status: literal.status, code: literal.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    const overWs = (await collect<any>(t.ws(t.adminToken), 'subscription($id: ID) { sessionUpdated(id: $id) { id } }', { id: 'x\u0000' }).errors) as {
      extensions?: { code?: string };
    }[];
    expect(overWs[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql('{ users(search: "nul") { totalCount } }', {}, t.adminToken)).errors).toBeUndefined();
  });

  it('refuses a subscription sent over HTTP with SUBSCRIPTION_OVER_HTTP (HTTP 400)', async () => {
    const r = await t.gql('subscription { workerUpdated { id } }', {}, t.adminToken);
    expect({ status: r.status, code: r.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'SUBSCRIPTION_OVER_HTTP' });
    expect(r.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('refuses a correctly signed token without an expiry with UNAUTHENTICATED', async () => {
    const key = new TextEncoder().encode(JWT_SECRET);
    const claims = { username: 'admin', role: 'ADMIN' };
    const me = (await t.ok<{ me: { id: string } }>('{ me { id } }', {}, t.adminToken)).me.id;
    const forever = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(me).setIssuer('vdi-portal').setIssuedAt().sign(key);
    const r = await t.gql('{ me { id } }', {}, forever);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const expiring = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me)
      .setIssuer('vdi-portal')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect((await t.ok<{ me: { id: string } }>('{ me { id } }', {}, expiring)).me.id).toBe(me);
  });

  it('does not let a forged X-Forwarded-For dodge the login limit (RATE_LIMITED) unless VDI_TRUST_PROXY names the proxy', async () => {
    const login = (server: TestServer, forwardedFor: string) =>
      fetch(`${server.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "wrong-password") { token } }' }),
      }).then((r) => r.json());
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(t, `203.0.113.${i}`)).errors[0].extensions.code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    const proxied = await startTestServer({ VDI_TRUST_PROXY: 'loopback', VDI_LOGIN_MAX_FAILURES: '3' });
    try {
      const behindProxy: string[] = [];
      for (let i = 0; i < 5; i++) behindProxy.push((await login(proxied, `203.0.113.${i}`)).errors[0].extensions.code);
      expect(behindProxy).toEqual(Array(5).fill('UNAUTHENTICATED'));
    } finally {
      await proxied.close();
    }
  });

  it('sends security headers on every answer: CSP with frame-ancestors none, nosniff, no referrer', async () => {
    const answers = [
      await fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      await fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id "}' }),
      await fetch(`${t.server.url}/graphql`, { headers: { accept: 'text/html' } }),
      await fetch(`${t.server.url}/healthz`),
      await fetch(`${t.server.url}/login`),
    ];
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('turns introspection off in production and masks internal errors there', async () => {
    const prod = await startTestServer({ NODE_ENV: 'production' });
    try {
      const r = await prod.gql(`{ __schema { types { name } } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors?.[0]?.message).toMatch(/introspection/i);
      // The database goes away under a running server: the client sees a masked, coded error.
      await prod.server.orm.close(true);
      const broken = await prod.gql(`{ workers { id } }`, {}, prod.adminToken);
      expect(broken.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(broken)).not.toMatch(/postgres|pool|knex|stack/i);
    } finally {
      await prod.close().catch(() => undefined);
    }
  });
});
