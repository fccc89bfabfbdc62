import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';

describe('HTTP hardening', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ VDI_GRAPHQL_MAX_DEPTH: '5', VDI_GRAPHQL_MAX_COMPLEXITY: '500', VDI_MAX_BODY_BYTES: '16384' });
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
    const res = await fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(20_000) } }) });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('blocks CSRF-able requests (text/plain POST, GET without a preflight header)', async () => {
    const post = await fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect(post.status).toBe(400);
    const get = await fetch(`${t.server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    const allowed = await fetch(`${t.server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it.each(['', 'Login'])('refuses operationName %j that names no operation with GRAPHQL_VALIDATION_FAILED, not an internal error', async (operationName) => {
    const res = await fetch(`${t.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }', operationName }) });
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Unknown operation/);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    expect((await t.gql(`{ me { id `)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await t.gql(`{ me { password } }`)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
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
