import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';
import { RESCAN_MS } from './worker-commands.service.js';

const COMMANDS = `subscription { workerCommands { id kind sessionId } }`;
const COMPLETE = `mutation($id: ID!, $ok: Boolean!) { completeWorkerCommand(id: $id, input: { ok: $ok, error: "test" }) }`;

describe('worker commands follow their table: QUEUED → DELIVERED (again on a reconnect) → SUCCEEDED | FAILED, final once acknowledged', () => {
  let t: TestServer;
  let db: pg.Client;
  let w: { id: string; credential: string };
  let commandId: string;

  const row = async () => (await db.query(`select state, attempts from worker_commands where id = $1`, [commandId])).rows[0];

  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    w = await registerWorker(t, 'table-w');
    await heartbeat(t, w.credential);
    const owner = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 10, reason: "tests" }) { id } }`, { u: owner.id }, t.adminToken);
    const productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Queued", priceCoins: 10, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    await t.ok(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "table-1") { id } }`, { p: productId }, owner.token);
    commandId = (await db.query(`select id from worker_commands where worker_id = $1`, [w.id])).rows[0].id;
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('delivers it, delivers it again on a reconnect, then takes one acknowledgement and ignores a repeat', async () => {
    expect(await row()).toEqual({ state: 'QUEUED', attempts: 0 });
    const first = collect<any>(t.ws(w.credential), COMMANDS);
    expect((await first.done)[0].workerCommands.id).toBe(commandId);
    first.stop();
    expect(await row()).toEqual({ state: 'DELIVERED', attempts: 1 });
    const again = collect<any>(t.ws(w.credential), COMMANDS);
    expect((await again.done)[0].workerCommands.id).toBe(commandId);
    again.stop();
    expect(await row()).toEqual({ state: 'DELIVERED', attempts: 2 });
    expect((await t.ok<any>(COMPLETE, { id: commandId, ok: true }, w.credential)).completeWorkerCommand).toBe(true);
    expect((await row()).state).toBe('SUCCEEDED');
    expect((await t.ok<any>(COMPLETE, { id: commandId, ok: false }, w.credential)).completeWorkerCommand).toBe(true);
    expect((await row()).state).toBe('SUCCEEDED');
  });

  it('delivers a command whose announcement never came (queued by another replica while its events were down) at the next look', async () => {
    const stream = collect<any>(t.ws(w.credential), COMMANDS);
    await new Promise((r) => setTimeout(r, 300)); // subscribed, the replay done (nothing unacknowledged)
    // Queued straight into the table: no event on this replica's pubsub.
    const silent = (
      await db.query(
        `insert into worker_commands (id, worker_id, kind, payload) values (gen_random_uuid(), $1, 'STOP_CONTAINER', '{"name":"vdi_silent"}') returning id`,
        [w.id],
      )
    ).rows[0].id;
    const t0 = Date.now();
    const got = await stream.done;
    stream.stop();
    expect(got[0].workerCommands).toMatchObject({ id: silent, kind: 'STOP_CONTAINER' });
    expect(Date.now() - t0).toBeLessThan(RESCAN_MS + 2_000);
    expect((await db.query(`select state from worker_commands where id = $1`, [silent])).rows[0].state).toBe('DELIVERED');
  });
});
