import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const CREATE = `mutation($n: String!) { createWallLink(name: $n) { secret path link { id name revokedAt } } }`;

describe('wall links', () => {
  let t: TestServer;
  let workerId: string;
  let credential: string;
  beforeAll(async () => {
    t = await startTestServer();
    ({ id: workerId, credential } = await registerWorker(t, 'wall-w1'));
  });
  afterAll(() => t.close());

  const create = async (name: string) => (await t.ok<any>(CREATE, { n: name }, t.adminToken)).createWallLink;

  it('returns the secret once, stores only its hash, and lists the link for ADMIN', async () => {
    const c = await create('Hall A TV');
    expect(c.secret).toMatch(/^vdiwall_/);
    expect(c.path).toBe(`/wall?key=${encodeURIComponent(c.secret)}`);
    const [row] = await t.server.orm.em.getConnection().execute(`select secret_hash from wall_links where id = ?`, [c.link.id]);
    expect(row.secret_hash).not.toContain(c.secret);
    const links = (await t.ok<any>(`{ wallLinks { id name } }`, {}, t.adminToken)).wallLinks;
    expect(links.map((l: any) => l.id)).toContain(c.link.id);
  });

  it('lets a wall link read the monitoring queries and hides worker inventory from it', async () => {
    const { secret } = await create('Hall B TV');
    await heartbeat(t, credential, { inventory: [{ name: 'c1', state: 'running' }] });
    const r = await t.ok<any>(
      `query($w: ID!) { workers { id inventory { name } apiBaseUrl } clusterSummary { totalMaxSessions failedSessionsLastHour } exams { id } workerHeartbeatHistory(workerId: $w) { bucket } }`,
      { w: workerId },
      secret,
    );
    expect(r.workers[0].inventory).toEqual([]);
    expect(r.workers[0].apiBaseUrl).toBeNull();
    expect(r.clusterSummary.failedSessionsLastHour).toBe(0);
  });

  it('refuses a wall link everything else with FORBIDDEN: users, sessions, mutations', async () => {
    const { secret } = await create('Hall C TV');
    for (const q of [
      `{ users { totalCount } }`,
      `{ sessions { totalCount } }`,
      `{ mySessions { id } }`,
      `mutation { createWallLink(name: "x") { secret } }`,
      `mutation($w: ID!) { drainWorker(id: $w) { id } }`,
      `{ auditLog { totalCount } }`,
    ]) {
      const r = await t.gql(q, { w: workerId }, secret);
      expect(r.errors?.[0]?.extensions?.code, q).toBe('FORBIDDEN');
    }
  });

  it('refuses a USER creating a wall link with FORBIDDEN', async () => {
    const u = await t.user('USER');
    const r = await t.gql(CREATE, { n: 'mine' }, u.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('after revoke refuses the link with UNAUTHENTICATED at once and closes its open subscriptions', async () => {
    const c = await create('Hall D TV');
    const client = t.ws(c.secret);
    const sub = collect<any>(client, `subscription { workerHeartbeats { workerId } }`, {}, 1);
    await new Promise((r) => setTimeout(r, 300));
    await heartbeat(t, credential);
    expect((await sub.done)[0].workerHeartbeats.workerId).toBe(workerId);
    const closed = collect<any>(client, `subscription { workerUpdated { id } }`, {}, 1000);
    await new Promise((r) => setTimeout(r, 200));
    const revoked = (await t.ok<any>(`mutation($id: ID!) { revokeWallLink(id: $id) { revokedAt } }`, { id: c.link.id }, t.adminToken)).revokeWallLink;
    expect(revoked.revokedAt).not.toBeNull();
    const r = await t.gql(`{ workers { id } }`, {}, c.secret);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const outcome = await Promise.race([
      closed.errors.then(() => 'closed'),
      closed.done.then(() => 'closed'),
      new Promise((res) => setTimeout(() => res('open'), 3000)),
    ]);
    expect(outcome).toBe('closed');
  });

  it('audits create and revoke', async () => {
    const c = await create('Hall E TV');
    await t.ok(`mutation($id: ID!) { revokeWallLink(id: $id) { id } }`, { id: c.link.id }, t.adminToken);
    const rows = await t.server.orm.em.getConnection().execute(`select action from audit_log where target_id = ? order by created_at`, [c.link.id]);
    expect(rows.map((r: any) => r.action)).toEqual(['wallLink.create', 'wallLink.revoke']);
  });
});
