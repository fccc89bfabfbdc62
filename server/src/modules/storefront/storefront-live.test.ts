import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

describe('live storefront and balance', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('sends a USER the product availability when a worker drains (0 = sold out)', async () => {
    const u = await t.user('USER');
    const p = (await t.ok<any>(`mutation { createProduct(input: { name: "Live Linux", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const w = await registerWorker(t, 'live-w1');
    await heartbeat(t, w.credential);
    const client = t.ws(u.token);
    const seen: any[] = [];
    const stop = client.subscribe<any>(
      { query: `subscription { productAvailabilityUpdated { productId available } }` },
      { next: (v) => seen.push(v.data?.productAvailabilityUpdated), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    await t.server.services.availability.refresh();
    await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: w.id }, t.adminToken);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && !seen.some((l) => l?.find((x: any) => x.productId === p)?.available === 0)) await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen.some((l) => l?.find((x: any) => x.productId === p)?.available === 0)).toBe(true);
  });

  it("sends the viewer their new balance after an admin adjustment, and nothing of other people's", async () => {
    const u = await t.user('USER');
    const other = await t.user('USER');
    const sub = collect<any>(t.ws(u.token), `subscription { myBalanceUpdated { id coinBalance } }`);
    await new Promise((r) => setTimeout(r, 300));
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 5, reason: "other" }) { id } }`, { u: other.id }, t.adminToken);
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 7, reason: "gift" }) { id } }`, { u: u.id }, t.adminToken);
    const [first] = await sub.done;
    expect(first.myBalanceUpdated).toEqual({ id: u.id, coinBalance: 7 });
  });

  it('shows the ledger actor: username to the owner, the whole user to an ADMIN, null for purchases', async () => {
    const u = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 3, reason: "welcome" }) { id } }`, { u: u.id }, t.adminToken);
    const mine = (await t.ok<any>(`{ coinLedger { edges { node { kind actorUsername actor { id } } } } }`, {}, u.token)).coinLedger.edges[0].node;
    expect(mine).toEqual({ kind: 'ADMIN_ADD', actorUsername: 'admin', actor: null });
    const asAdmin = (await t.ok<any>(`query($u: ID!) { coinLedger(userId: $u) { edges { node { actor { username role } } } } }`, { u: u.id }, t.adminToken))
      .coinLedger.edges[0].node;
    expect(asAdmin.actor).toEqual({ username: 'admin', role: 'ADMIN' });
  });
});
