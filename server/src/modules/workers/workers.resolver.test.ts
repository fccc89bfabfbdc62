import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CLUSTER_TOKEN, heartbeat, heartbeatRaw, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const WORKERS = `query { workers { id code name apiBaseUrl status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt driver { reachable version } cpuPercent memoryUsedMb kvm inventory { name state rdpPort } } }`;
const REGISTER = `mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id maxSessions } credential } }`;

describe('workers', () => {
  let t: TestServer;
  let op: { token: string };
  beforeAll(async () => {
    t = await startTestServer();
    op = await t.user('OPERATOR');
  });
  afterAll(() => t.close());
  const find = async (id: string, token = t.adminToken) => (await t.ok<any>(WORKERS, {}, token)).workers.find((w: any) => w.id === id);

  it('registers with the cluster token and derives maxSessions 4 for 8 vCPU / 12288 MB', async () => {
    const w = await registerWorker(t, 'worker-217-216-33-134');
    expect(w.credential).toMatch(/^vdiw_/);
    const row = await find(w.id);
    expect(row).toMatchObject({ code: 'worker-217-216-33-134', maxSessions: 4, activeSessions: 0, status: 'ACTIVE', drainStatus: 'NONE', health: 'STALE' });
  });

  it('stores only the hash of the credential', async () => {
    const w = await registerWorker(t, 'hash-check');
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const r = await db.query(`select credential_hash from workers where id = $1`, [w.id]);
    await db.end();
    expect(r.rows[0].credential_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.rows[0].credential_hash).not.toContain(w.credential);
  });

  it('refuses a wrong cluster token with UNAUTHENTICATED and creates nothing', async () => {
    const before = (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.length;
    const r = await t.gql(REGISTER, {
      i: { clusterToken: 'wrong-token-wrong-token', code: 'intruder', apiBaseUrl: 'http://127.0.0.1:1', capacity: { cpus: 8, memoryMb: 8192 } },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.ok<any>(WORKERS, {}, t.adminToken)).workers.length).toBe(before);
  });

  it.each([
    [{ code: 'bad code!' }, 'code'],
    [{ apiBaseUrl: 'ftp://x' }, 'apiBaseUrl'],
    [{ capacity: { cpus: -1, memoryMb: 8192 } }, 'capacity.cpus'],
    [{ capacity: { cpus: 8, memoryMb: 10 } }, 'capacity.memoryMb'],
    [{ capacity: { cpus: 8, memoryMb: 8192, vmCpus: 0 } }, 'capacity.vmCpus'],
  ])('refuses registration with %o as BAD_USER_INPUT', async (patch, field) => {
    const r = await t.gql(REGISTER, {
      i: { clusterToken: CLUSTER_TOKEN, code: 'ok-code', apiBaseUrl: 'http://127.0.0.1:3000', capacity: { cpus: 8, memoryMb: 8192 }, ...patch },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('shows a heartbeat in `workers` at once: HEALTHY, usage, engine and inventory', async () => {
    const w = await registerWorker(t, 'hb-1');
    const ack = await heartbeat(t, w.credential, { inventory: [{ name: 'quack_abc12', state: 'running' }] });
    expect(ack.data!.workerHeartbeat).toMatchObject({ status: 'ACTIVE', drainStatus: 'NONE' });
    const row = await find(w.id);
    expect(row).toMatchObject({
      health: 'HEALTHY',
      cpuPercent: 12.5,
      memoryUsedMb: 2048,
      driver: { reachable: true, version: '28.2.2' },
      inventory: [{ name: 'quack_abc12', state: 'running', rdpPort: null }],
      kvm: null,
    });
    expect(new Date(row.lastHeartbeatAt).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('keeps the host port each RDP desktop holds in the inventory, and the KVM the engine report says', async () => {
    const w = await registerWorker(t, 'hb-rdp');
    const sessionId = '00000000-0000-4000-8000-0000000000d1';
    const inventory = [
      { name: 'quack_rdp01', sessionId, state: 'running', rdpPort: 33890 },
      { name: 'quack_kiosk1', state: 'running' },
    ];
    await heartbeat(t, w.credential, { inventory, driver: { reachable: true, version: '28.2.2', kvm: true } });
    const row = await find(w.id);
    expect(row.kvm).toBe(true);
    expect(row.inventory).toEqual([
      { name: 'quack_rdp01', state: 'running', rdpPort: 33890 },
      { name: 'quack_kiosk1', state: 'running', rdpPort: null },
    ]);
    await t.server.services.heartbeats.flush();
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const r = await db.query(`select kvm, inventory from workers where id = $1`, [w.id]);
    await db.end();
    expect(r.rows[0].kvm).toBe(true);
    expect(r.rows[0].inventory[0]).toMatchObject({ name: 'quack_rdp01', sessionId, rdpPort: 33890 });
  });

  it('writes coalesced heartbeats to the database within the flush interval', async () => {
    const w = await registerWorker(t, 'hb-flush');
    for (let i = 0; i < 20; i++) await heartbeat(t, w.credential, { usage: { cpuPercent: i, memoryUsedMb: 100 + i } });
    await t.server.services.heartbeats.flush();
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const r = await db.query(`select cpu_percent, memory_used_mb, last_heartbeat_at from workers where id = $1`, [w.id]);
    await db.end();
    expect(r.rows[0]).toMatchObject({ cpu_percent: 19, memory_used_mb: 119 });
    expect(r.rows[0].last_heartbeat_at).not.toBeNull();
  });

  it.each([
    [{ usage: { cpuPercent: 250 } }, 'usage.cpuPercent'],
    [{ usage: { memoryUsedMb: -5 } }, 'usage.memoryUsedMb'],
    [{ inventory: [{ name: '../../etc', state: 'running' }] }, 'inventory.name'],
    [{ inventory: [{ name: 'c1', state: 'running', sessionId: 'not-an-id' }] }, 'inventory.sessionId'],
    [{ inventory: [{ name: 'c1', state: 'running', rdpPort: 70000 }] }, 'inventory.rdpPort'],
    [{ inventory: [{ name: 'c1', state: 'running', rdpPort: 0 }] }, 'inventory.rdpPort'],
    [{ inventory: Array.from({ length: 1001 }, (_, i) => ({ name: `c${i}`, state: 'running' })) }, 'inventory'],
  ])('refuses a malformed heartbeat %# with BAD_USER_INPUT and keeps the last good one', async (input, field) => {
    const w = await registerWorker(t, `hb-bad-${field.replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 6)}`);
    await heartbeat(t, w.credential);
    const r = await t.gql(`mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status } }`, { i: input }, w.credential);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await find(w.id)).cpuPercent).toBe(12.5);
  });

  it('refuses heartbeats without a credential (UNAUTHENTICATED) and from a person (FORBIDDEN)', async () => {
    const q = `mutation { workerHeartbeat(input: {}) { status } }`;
    expect((await t.gql(q)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(q, {}, t.adminToken)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bogus = await t.gql(q, {}, 'vdiw_made-up-credential');
    expect(bogus.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(bogus.status).toBe(401);
  });

  it('re-registering rotates the credential (the old one stops working) and keeps admin settings', async () => {
    const first = await registerWorker(t, 'rotating');
    await t.ok(`mutation($id: ID!) { updateWorker(id: $id, input: { maxSessionsOverride: 2, labels: ["rack-a"] }) { id } }`, { id: first.id }, t.adminToken);
    // A code that holds a credential re-registers with it (the cluster token alone no longer takes a worker over).
    const second = await registerWorker(t, 'rotating', undefined, first.credential);
    expect(second.id).toBe(first.id);
    expect((await heartbeatRaw(t, first.credential)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await heartbeat(t, second.credential)).errors).toBeUndefined();
    expect((await find(first.id)).maxSessions).toBe(2);
  });

  it('revokes a credential at once (ADMIN)', async () => {
    const w = await registerWorker(t, 'revoked');
    expect((await heartbeat(t, w.credential)).errors).toBeUndefined();
    await t.ok(`mutation($id: ID!) { revokeWorkerCredential(id: $id) { id } }`, { id: w.id }, t.adminToken);
    expect((await heartbeatRaw(t, w.credential)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('pre-registers a worker by name and URL, which its agent then claims by code', async () => {
    const r = await t.ok<any>(
      `mutation { preRegisterWorker(input: { name: "Worker 10.0.0.5", apiBaseUrl: "http://10.0.0.5:3000" }) { id code health maxSessions apiBaseUrl } }`,
      {},
      t.adminToken,
    );
    expect(r.preRegisterWorker).toMatchObject({ code: 'worker-10-0-0-5', health: 'STALE', maxSessions: 0, apiBaseUrl: 'http://10.0.0.5:3000' });
    const w = await registerWorker(t, 'worker-10-0-0-5');
    expect(w.id).toBe(r.preRegisterWorker.id);
    const dup = await t.gql(`mutation { preRegisterWorker(input: { name: "Worker 10.0.0.5", apiBaseUrl: "http://10.0.0.5:3000" }) { id } }`, {}, t.adminToken);
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('hides apiBaseUrl from operators (worker URLs never reach non-admins)', async () => {
    const w = await registerWorker(t, 'url-hidden');
    expect((await find(w.id, t.adminToken)).apiBaseUrl).toBe('http://127.0.0.1:3000/url-hidden');
    expect((await find(w.id, op.token)).apiBaseUrl).toBeNull();
  });

  it('drains (DRAINED at once when empty), refuses disable of an undrained worker with CONFLICT unless forced, and enables', async () => {
    const a = await registerWorker(t, 'drain-a');
    const b = await registerWorker(t, 'drain-b');
    const refused = await t.gql(`mutation($id: ID!) { disableWorker(id: $id) { status } }`, { id: a.id }, op.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await find(a.id)).status).toBe('ACTIVE');
    const drained = await t.ok<any>(`mutation($id: ID!) { drainWorker(id: $id) { drainStatus } }`, { id: a.id }, op.token);
    expect(drained.drainWorker.drainStatus).toBe('DRAINED');
    expect((await t.ok<any>(`mutation($id: ID!) { disableWorker(id: $id) { status } }`, { id: a.id }, op.token)).disableWorker.status).toBe('DISABLED');
    expect((await t.ok<any>(`mutation($id: ID!) { disableWorker(id: $id, force: true) { status } }`, { id: b.id }, op.token)).disableWorker.status).toBe(
      'DISABLED',
    );
    expect((await heartbeat(t, a.credential)).data!.workerHeartbeat).toMatchObject({ status: 'DISABLED', drainStatus: 'DRAINED' });
    const enabled = await t.ok<any>(`mutation($id: ID!) { enableWorker(id: $id) { status drainStatus } }`, { id: a.id }, op.token);
    expect(enabled.enableWorker).toEqual({ status: 'ACTIVE', drainStatus: 'NONE' });
  });

  it('refuses an unknown worker id with NOT_FOUND', async () => {
    const r = await t.gql(`mutation { drainWorker(id: "00000000-0000-4000-8000-000000000001") { id } }`, {}, op.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lowers maxSessions with an override, never raises it, and clears it', async () => {
    const w = await registerWorker(t, 'override');
    const set = (input: string) =>
      t.ok<any>(`mutation($id: ID!) { updateWorker(id: $id, input: ${input}) { maxSessions maxSessionsOverride } }`, { id: w.id }, t.adminToken);
    expect((await set('{ maxSessionsOverride: 1 }')).updateWorker).toEqual({ maxSessions: 1, maxSessionsOverride: 1 });
    expect((await set('{ maxSessionsOverride: 99 }')).updateWorker.maxSessions).toBe(4);
    expect((await set('{ clearMaxSessionsOverride: true }')).updateWorker).toEqual({ maxSessions: 4, maxSessionsOverride: null });
  });
});
