import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import pg from 'pg';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/harness.js';

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role } } }`;

describe('auth', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ VDI_LOGIN_MAX_FAILURES: '3', JWT_SECRET: 'jwt-secret-for-auth-tests-0123456789' });
  });
  afterAll(() => t.close());

  it('creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD and logs in', async () => {
    const r = await t.ok<any>(LOGIN, { u: 'admin', p: ADMIN_PASSWORD });
    expect(r.login.user).toEqual({ username: 'admin', role: 'ADMIN' });
    expect((await t.ok<any>(`query { me { username role } }`, {}, r.login.token)).me.username).toBe('admin');
  });

  it('stores passwords as argon2id hashes', async () => {
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const r = await db.query(`select password_hash from users where username = 'admin'`);
    await db.end();
    expect(r.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password with UNAUTHENTICATED and the same message as an unknown user', async () => {
    const a = await t.gql(LOGIN, { u: 'admin', p: 'wrong-password' });
    const b = await t.gql(LOGIN, { u: 'nobody-here', p: 'wrong-password' });
    expect(a.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(a.errors?.[0]?.message).toBe(b.errors?.[0]?.message);
  });

  it('rate-limits failed logins per username and address with RATE_LIMITED and retryAfterSec', async () => {
    const victim = await t.user('USER', 'victim');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(String((await t.gql(LOGIN, { u: 'victim', p: 'guess' })).errors?.[0]?.extensions?.code));
    // VDI_LOGIN_MAX_FAILURES=3: three wrong guesses are answered, then even the right password waits.
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    const blocked = await t.gql(LOGIN, { u: 'victim', p: `pw-victim-secret` });
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.errors?.[0]?.extensions?.retryAfterSec).toBeGreaterThan(0);
    expect(victim.token).toBeTruthy();
  });

  it('refuses a tampered, expired or foreign-key token with UNAUTHENTICATED (HTTP 401), never as anonymous', async () => {
    const me = await t.user('USER');
    const [h, p] = me.token.split('.');
    const tampered = `${h}.${p}.AAAA`;
    const expired = await new SignJWT({ username: me.username, role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.id)
      .setIssuer('vdi-portal')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode('jwt-secret-for-auth-tests-0123456789'));
    const foreign = await new SignJWT({ username: me.username, role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.id)
      .setIssuer('vdi-portal')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-entirely-000000'));
    for (const token of [tampered, expired, foreign, 'garbage']) {
      const r = await t.gql(`query { me { id } }`, {}, token);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.status).toBe(401);
    }
  });

  it('takes the role from the database, not the token: a disabled user is locked out at once on this replica', async () => {
    const u = await t.user('USER');
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    await db.query(`update users set disabled = true where id = $1`, [u.id]);
    await db.end();
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await t.gql(`query { me { id } }`, {}, u.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses duplicate usernames with CONFLICT and bad ones with BAD_USER_INPUT', async () => {
    const create = (username: string, password = 'long-enough-pw') =>
      t.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { username, password, role: 'USER' } }, t.adminToken);
    expect((await create('admin')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await create('has space')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect((await create('shortpw', 'short')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect((await create('badrole')).errors).toBeUndefined();
    const r = await t.gql(`mutation { createUser(input: { username: "x1", password: "long-enough-pw", role: ROOT }) { id } }`, {}, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists users in pages with a search (ADMIN, OPERATOR)', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await t.user('CANDIDATE', n);
    const r = await t.ok<any>(
      `query { users(first: 2, search: "page-") { totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } }`,
      {},
      t.adminToken,
    );
    expect(r.users.totalCount).toBe(3);
    expect(r.users.edges.map((e: any) => e.node.username)).toEqual(['page-a', 'page-b']);
    const next = await t.ok<any>(
      `query($a: String) { users(first: 2, after: $a, search: "page-") { edges { node { username } } pageInfo { hasNextPage } } }`,
      { a: r.users.pageInfo.endCursor },
      t.adminToken,
    );
    expect(next.users.edges.map((e: any) => e.node.username)).toEqual(['page-c']);
    expect(next.users.pageInfo.hasNextPage).toBe(false);
    const bad = await t.gql(`query { users(first: 0) { totalCount } }`, {}, t.adminToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
