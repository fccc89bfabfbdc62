import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const EXPLAIN = `query($p: ID!) { placementExplain(productId: $p) { worker { code kvm } eligible refusal reason } }`;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id state } }`;
const AVAILABLE = `query { products { name available } }`;
const SUMMARY = `query($p: ID) { clusterSummary(productId: $p) { totalAvailableSessions totalMaxSessions } }`;
const COMMANDS = `subscription { workerCommands { kind sessionId payload } }`;

/** Figures a refused purchase must leave alone: the balance, the ledger and the buyer's sessions. */
async function moneyState(db: pg.Client, userId: string) {
  const balance = await db.query(`select coin_balance from users where id = $1`, [userId]);
  const ledger = await db.query(`select count(*)::int as n, coalesce(sum(delta), 0)::int as s from coin_ledger_entries where user_id = $1`, [userId]);
  const sessions = await db.query(`select count(*)::int as n from sessions where owner_id = $1`, [userId]);
  return { balance: balance.rows[0].coin_balance, ledger: ledger.rows[0], sessions: sessions.rows[0].n };
}

describe('WINDOWS needs KVM: placement, refusal without debit, availability', () => {
  let t: TestServer;
  let db: pg.Client;
  let silent: { id: string; credential: string };
  let noKvm: { id: string; credential: string };
  let user: { id: string; token: string };
  let windowsId: string;

  beforeAll(async () => {
    t = await startTestServer();
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    silent = await registerWorker(t, 'kvm-unknown');
    noKvm = await registerWorker(t, 'kvm-none');
    await heartbeat(t, silent.credential); // an older agent: says nothing about KVM
    await heartbeat(t, noKvm.credential, { driver: { reachable: true, version: '28.2.2', kvm: false } });
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 500, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    windowsId = (
      await t.ok<any>(
        `mutation { createProduct(input: { name: "Windows 11", priceCoins: 40, provisionAction: WINDOWS, image: "registry.local/win11:latest", startTimeoutSeconds: 1800 }) { id } }`,
        {},
        t.adminToken,
      )
    ).createProduct.id;
    await t.ok(`mutation { createProduct(input: { name: "Test box", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('says NO_KVM for every worker without KVM in placementExplain, and shows kvm on the workers', async () => {
    const r = await t.ok<any>(EXPLAIN, { p: windowsId }, t.adminToken);
    expect(r.placementExplain).toHaveLength(2);
    for (const v of r.placementExplain) expect(v).toMatchObject({ eligible: false, refusal: 'NO_KVM', reason: expect.stringMatching(/KVM/) });
    const kvmByCode = Object.fromEntries(r.placementExplain.map((v: any) => [v.worker.code, v.worker.kvm]));
    expect(kvmByCode).toEqual({ 'kvm-unknown': null, 'kvm-none': false });
  });

  it('refuses a WINDOWS purchase with NO_CAPACITY and reason NO_KVM, and debits nothing', async () => {
    const before = await moneyState(db, user.id);
    const r = await t.gql<any>(BUY, { p: windowsId, k: 'win-refused' }, user.token);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'NO_CAPACITY', reasonsByKind: { NO_KVM: 2 } });
    expect(r.errors?.[0]?.message).toMatch(/KVM/);
    expect(await moneyState(db, user.id)).toEqual(before);
    expect(before.balance).toBe(500);
    // Staff see the reason per worker.
    const adminId = (await t.ok<any>(`{ me { id } }`, {}, t.adminToken)).me.id;
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: adminId }, t.adminToken);
    const staff = await t.gql<any>(BUY, { p: windowsId, k: 'win-refused-admin' }, t.adminToken);
    expect(staff.errors?.[0]?.extensions?.code).toBe('NO_CAPACITY');
    expect(staff.errors?.[0]?.extensions?.reasons.map((x: any) => x.refusal)).toEqual(['NO_KVM', 'NO_KVM']);
  });

  it('counts no capacity for WINDOWS in Product.available and clusterSummary while no worker has KVM; other products are unaffected', async () => {
    const avail = Object.fromEntries((await t.ok<any>(AVAILABLE, {}, user.token)).products.map((p: any) => [p.name, p.available]));
    expect(avail).toEqual({ 'Windows 11': 0, 'Test box': 8 });
    expect((await t.ok<any>(SUMMARY, { p: windowsId }, t.adminToken)).clusterSummary).toEqual({ totalAvailableSessions: 0, totalMaxSessions: 0 });
  });

  it('places WINDOWS on the worker whose heartbeat says kvm: true, counts only it, and sends the product settings in the create command', async () => {
    await heartbeat(t, noKvm.credential, { driver: { reachable: true, version: '28.2.2', kvm: true } });
    const verdicts = (await t.ok<any>(EXPLAIN, { p: windowsId }, t.adminToken)).placementExplain;
    expect(verdicts.map((v: any) => [v.worker.code, v.eligible, v.refusal])).toEqual([
      ['kvm-none', true, null],
      ['kvm-unknown', false, 'NO_KVM'],
    ]);
    const avail = Object.fromEntries((await t.ok<any>(AVAILABLE, {}, user.token)).products.map((p: any) => [p.name, p.available]));
    expect(avail['Windows 11']).toBe(4);
    expect((await t.ok<any>(SUMMARY, { p: windowsId }, t.adminToken)).clusterSummary).toEqual({ totalAvailableSessions: 4, totalMaxSessions: 4 });

    const commands = collect<any>(t.ws(noKvm.credential), COMMANDS);
    const s = (await t.ok<any>(BUY, { p: windowsId, k: 'win-ok' }, user.token)).purchaseAndCreate;
    expect(s.state).toBe('PENDING');
    const [create] = await commands.done;
    expect(create.workerCommands).toMatchObject({ kind: 'CREATE_SESSION', sessionId: s.id });
    expect(create.workerCommands.payload).toMatchObject({
      provisionAction: 'WINDOWS',
      image: 'registry.local/win11:latest',
      linuxDesktop: null,
      allowSudo: false,
      startTimeoutSec: 1800,
      username: 'Administrator',
    });
    const placed = await db.query(`select w.code from sessions s join workers w on w.id = s.worker_id where s.id = $1`, [s.id]);
    expect(placed.rows[0].code).toBe('kvm-none');
    expect((await moneyState(db, user.id)).balance).toBe(460);
  });

  it('keeps KVM through heartbeats that omit the engine report, and forgets it when the engine report stops saying it', async () => {
    await heartbeat(t, noKvm.credential, { driver: undefined });
    const kvm = async () => (await t.ok<any>(`query { workers { code kvm } }`, {}, t.adminToken)).workers.find((w: any) => w.code === 'kvm-none').kvm;
    expect(await kvm()).toBe(true);
    await heartbeat(t, noKvm.credential, { driver: { reachable: true, version: '28.2.2' } });
    expect(await kvm()).toBeNull();
    const r = await t.gql<any>(BUY, { p: windowsId, k: 'win-after-loss' }, user.token);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'NO_CAPACITY', reasonsByKind: { NO_KVM: 2 } });
    const stored = await db.query(`select kvm from workers where code = 'kvm-none'`);
    expect(stored.rows[0].kvm).toBeNull();
  });
});
