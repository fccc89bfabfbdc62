import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const FIELDS = `id provisionAction linuxDesktop allowSudo startTimeoutSeconds`;
const CREATE = `mutation($i: ProductInput!) { createProduct(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $i: ProductInput!) { updateProduct(id: $id, input: $i) { ${FIELDS} } }`;
const COMMANDS = `subscription { workerCommands { kind sessionId payload } }`;

describe('VPS desktop products: linuxDesktop, allowSudo, startTimeoutSeconds', () => {
  let t: TestServer;
  let n = 0;
  const create = (i: Record<string, unknown>) => t.gql<any>(CREATE, { i: { name: `p${n++}`, priceCoins: 1, ...i } }, t.adminToken);

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('gives every product the exam kiosk, no sudo and the worker default timeout when the input leaves them out', async () => {
    for (const provisionAction of ['LINUX', 'WINDOWS', 'TEST']) {
      const r = await create({ provisionAction, image: provisionAction === 'WINDOWS' ? 'registry.local/win:1' : null });
      expect(r.errors).toBeUndefined();
      expect(r.data.createProduct).toMatchObject({ provisionAction, linuxDesktop: 'KIOSK', allowSudo: false, startTimeoutSeconds: null });
    }
  });

  it('stores a LINUX DESKTOP with sudo and a start timeout, and updateProduct replaces them (omitted = defaults again)', async () => {
    const r = await create({ provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', allowSudo: true, startTimeoutSeconds: 300 });
    expect(r.data.createProduct).toMatchObject({ linuxDesktop: 'DESKTOP', allowSudo: true, startTimeoutSeconds: 300 });
    const u = await t.ok<any>(UPDATE, { id: r.data.createProduct.id, i: { name: 'Back to kiosk', priceCoins: 1, provisionAction: 'LINUX' } }, t.adminToken);
    expect(u.updateProduct).toMatchObject({ linuxDesktop: 'KIOSK', allowSudo: false, startTimeoutSeconds: null });
  });

  it('accepts sudo on a WINDOWS product (a VPS desktop)', async () => {
    const r = await create({ provisionAction: 'WINDOWS', image: 'registry.local/win:1', allowSudo: true, startTimeoutSeconds: 1800 });
    expect(r.data.createProduct).toMatchObject({ linuxDesktop: 'KIOSK', allowSudo: true, startTimeoutSeconds: 1800 });
  });

  it.each([
    [{ provisionAction: 'WINDOWS', image: 'registry.local/win:1', linuxDesktop: 'DESKTOP' }, 'linuxDesktop', /LINUX products only/],
    [{ provisionAction: 'TEST', linuxDesktop: 'DESKTOP' }, 'linuxDesktop', /LINUX products only/],
    [{ provisionAction: 'LINUX', allowSudo: true }, 'allowSudo', /exam kiosk/],
    [{ provisionAction: 'LINUX', linuxDesktop: 'KIOSK', allowSudo: true }, 'allowSudo', /exam kiosk/],
    [{ provisionAction: 'TEST', allowSudo: true }, 'allowSudo', /VPS desktops only/],
    [{ provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', startTimeoutSeconds: 9 }, 'startTimeoutSeconds', /10 to 7200/],
    [{ provisionAction: 'WINDOWS', image: 'registry.local/win:1', startTimeoutSeconds: 7201 }, 'startTimeoutSeconds', /10 to 7200/],
  ])('refuses %o with BAD_USER_INPUT naming %s and saying why', async (input, field, message) => {
    const r = await create(input);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('refuses an unknown linuxDesktop value before it reaches the service', async () => {
    const r = await create({ provisionAction: 'LINUX', linuxDesktop: 'SERVER' });
    expect(r.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('keeps the rules in the database too: a DESKTOP on a non-LINUX row, sudo on a kiosk and an out-of-range timeout are refused by constraints', async () => {
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    try {
      const insert = (cols: string, vals: string) =>
        db.query(
          `insert into products (id, name, price_coins, provision_action, cpus, memory_mb, shm_mb, network${cols}) values (gen_random_uuid(), 'raw-' || gen_random_uuid(), 1, $1, 1, 512, 0, '{}'${vals})`,
          ['TEST'],
        );
      await expect(insert(', linux_desktop', `, 'DESKTOP'`)).rejects.toThrow(/products_linux_desktop_action_check/);
      await expect(insert(', allow_sudo', ', true')).rejects.toThrow(/products_allow_sudo_check/);
      await expect(insert(', start_timeout_seconds', ', 5')).rejects.toThrow(/products_start_timeout_check/);
      await insert('', '');
      const row = await db.query(`select linux_desktop, allow_sudo, start_timeout_seconds from products where provision_action = 'TEST' and name like 'raw-%'`);
      expect(row.rows).toEqual([{ linux_desktop: 'KIOSK', allow_sudo: false, start_timeout_seconds: null }]);
    } finally {
      await db.end();
    }
  });

  it('puts linuxDesktop, allowSudo and startTimeoutSec into the create command a purchase queues', async () => {
    const w = await registerWorker(t, 'vps-w');
    await heartbeat(t, w.credential);
    const user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 10, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    const vps = (await create({ provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', allowSudo: true, startTimeoutSeconds: 240 })).data.createProduct.id;
    const kiosk = (await create({ provisionAction: 'LINUX' })).data.createProduct.id;
    const buy = (p: string, k: string) =>
      t.ok<any>(`mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, { p, k }, user.token);

    const commands = collect<any>(t.ws(w.credential), COMMANDS, {}, 2);
    const a = (await buy(vps, 'vps-1')).purchaseAndCreate.id;
    const b = (await buy(kiosk, 'kiosk-1')).purchaseAndCreate.id;
    const payloadOf = (id: string, cmds: any[]) => cmds.find((c) => c.workerCommands.sessionId === id)?.workerCommands.payload;
    const cmds = await commands.done;
    expect(payloadOf(a, cmds)).toMatchObject({ provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', allowSudo: true, startTimeoutSec: 240 });
    expect(payloadOf(b, cmds)).toMatchObject({ provisionAction: 'LINUX', linuxDesktop: 'KIOSK', allowSudo: false, startTimeoutSec: null });
  });
});
