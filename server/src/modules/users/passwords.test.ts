import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const CHANGE = `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { mustChangePassword } } }`;

describe('passwords and account switches', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('refuses a wrong current password with WRONG_PASSWORD and a weak new one with BAD_USER_INPUT naming the rule', async () => {
    const u = await t.user('USER');
    const wrong = await t.gql(CHANGE, { c: 'not-my-password', n: 'a-fine-new-password' }, u.token);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('WRONG_PASSWORD');
    const weak = await t.gql(CHANGE, { c: `pw-${u.username}-secret`, n: 'short' }, u.token);
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(weak.errors?.[0]?.message).toMatch(/8 to 256 characters/);
  });

  it('changes the password: the new one signs in, the old one no longer does', async () => {
    const u = await t.user('USER');
    expect((await t.ok<any>(CHANGE, { c: `pw-${u.username}-secret`, n: 'a-fine-new-password' }, u.token)).changeMyPassword).toBe(true);
    expect((await t.gql(LOGIN, { u: u.username, p: `pw-${u.username}-secret` })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.ok<any>(LOGIN, { u: u.username, p: 'a-fine-new-password' })).login.user.mustChangePassword).toBe(false);
  });

  it('a reset password is shown once, must be changed first (PASSWORD_CHANGE_REQUIRED), and works again after the change', async () => {
    const u = await t.user('USER');
    const reset = (
      await t.ok<any>(`mutation($id: ID!) { resetUserPassword(userId: $id) { password user { id mustChangePassword } } }`, { id: u.id }, t.adminToken)
    ).resetUserPassword;
    expect(reset.user.mustChangePassword).toBe(true);
    const login = (await t.ok<any>(LOGIN, { u: u.username, p: reset.password })).login;
    expect(login.user.mustChangePassword).toBe(true);
    expect((await t.ok<any>(`{ me { id mustChangePassword } }`, {}, login.token)).me.mustChangePassword).toBe(true);
    const blocked = await t.gql(`{ mySessions { id } }`, {}, login.token);
    expect(blocked.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.ok(CHANGE, { c: reset.password, n: 'my-own-new-password' }, login.token);
    expect((await t.ok<any>(`{ mySessions { id } }`, {}, login.token)).mySessions).toEqual([]);
  });

  it('a disabled person cannot sign in and their token stops working at once (UNAUTHENTICATED); enabling restores them', async () => {
    const u = await t.user('USER');
    await t.ok(`{ me { id } }`, {}, u.token);
    const d = (await t.ok<any>(`mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { disabled } }`, { id: u.id }, t.adminToken)).setUserDisabled;
    expect(d.disabled).toBe(true);
    expect((await t.gql(`{ me { id } }`, {}, u.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { u: u.username, p: `pw-${u.username}-secret` })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await t.ok(`mutation($id: ID!) { setUserDisabled(userId: $id, disabled: false) { id } }`, { id: u.id }, t.adminToken);
    expect((await t.ok<any>(`{ me { id } }`, {}, u.token)).me.id).toBe(u.id);
  });

  it('only ADMIN resets or disables (FORBIDDEN for an OPERATOR)', async () => {
    const op = await t.user('OPERATOR');
    const u = await t.user('USER');
    expect((await t.gql(`mutation($id: ID!) { resetUserPassword(userId: $id) { password } }`, { id: u.id }, op.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await t.gql(`mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { id } }`, { id: u.id }, op.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('users lists role, coinBalance, disabled and createdAt', async () => {
    const u = await t.user('USER');
    const r = (
      await t.ok<any>(
        `query($s: String) { users(search: $s) { edges { node { id role coinBalance disabled createdAt mustChangePassword } } } }`,
        { s: u.username },
        t.adminToken,
      )
    ).users;
    expect(r.edges[0].node).toMatchObject({ id: u.id, role: 'USER', coinBalance: 0, disabled: false, mustChangePassword: false });
  });

  it('writes audit entries that the auditLog query returns newest first, filtered by action and actor', async () => {
    const u = await t.user('USER');
    await t.ok(`mutation($id: ID!) { resetUserPassword(userId: $id) { password } }`, { id: u.id }, t.adminToken);
    const page = (
      await t.ok<any>(
        `{ auditLog(first: 2) { totalCount edges { node { action targetType targetId actor { id username } createdAt data } } pageInfo { hasNextPage endCursor } } }`,
        {},
        t.adminToken,
      )
    ).auditLog;
    expect(page.edges[0].node).toMatchObject({ action: 'user.resetPassword', targetType: 'user', targetId: u.id, actor: { username: 'admin' } });
    expect(page.edges[1].node.action).toBe('user.create');
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (
      await t.ok<any>(`query($a: String) { auditLog(first: 1, after: $a) { edges { node { action } } } }`, { a: page.pageInfo.endCursor }, t.adminToken)
    ).auditLog;
    expect(next.edges).toHaveLength(1);
    const filtered = (await t.ok<any>(`{ auditLog(action: "user.resetPassword") { edges { node { action } } } }`, {}, t.adminToken)).auditLog;
    expect(filtered.edges.every((e: any) => e.node.action === 'user.resetPassword')).toBe(true);
    const op = await t.user('OPERATOR');
    expect((await t.gql(`{ auditLog { totalCount } }`, {}, op.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
