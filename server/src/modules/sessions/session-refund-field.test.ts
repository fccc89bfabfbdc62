import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const COMMANDS = `subscription { workerCommands { id kind sessionId } }`;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id state refundedCoins } }`;
const READ = `query($id: ID!) { session(id: $id) { state refundedCoins } }`;

describe('Session.refundedCoins: what the ledger gave back for a failed desktop', () => {
  let t: TestServer;
  let w: { id: string; credential: string };
  let owner: { id: string; token: string };
  let operator: { token: string };
  let productId: string;

  beforeAll(async () => {
    t = await startTestServer();
    w = await registerWorker(t, 'refund-1');
    await heartbeat(t, w.credential);
    owner = await t.user('USER');
    operator = await t.user('OPERATOR');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: owner.id }, t.adminToken);
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Refundable", priceCoins: 30, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
  });
  afterAll(() => t.close());

  it('is null while the desktop lives, then the refunded price once it FAILED, for its owner and an ADMIN only', async () => {
    const s = (await t.ok<any>(BUY, { p: productId, k: 'refund-a' }, owner.token)).purchaseAndCreate;
    expect(s).toMatchObject({ state: 'PENDING', refundedCoins: null });
    const [create] = await collect<any>(t.ws(w.credential), COMMANDS).done;
    expect(create.workerCommands.sessionId).toBe(s.id);
    await t.ok(
      `mutation($id: ID!) { completeWorkerCommand(id: $id, input: { ok: false, error: "image could not be pulled" }) }`,
      { id: create.workerCommands.id },
      w.credential,
    );
    expect((await t.ok<any>(READ, { id: s.id }, owner.token)).session).toEqual({ state: 'FAILED', refundedCoins: 30 });
    expect((await t.ok<any>(READ, { id: s.id }, t.adminToken)).session.refundedCoins).toBe(30);
    expect((await t.ok<any>(READ, { id: s.id }, operator.token)).session.refundedCoins).toBeNull();
    expect((await t.ok<any>(`{ me { coinBalance } }`, {}, owner.token)).me.coinBalance).toBe(100);
  });
});
