import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HAMMER_JWT_SECRET, seedUsers } from '../fleet.js';
import {
  type Answer,
  adminToken,
  assertNothingLostOrDoubled,
  embeddedDbUrl,
  freePort,
  gqlAt,
  launchOnDataDir,
  newDataDir,
  okAt,
  type ProcessServer,
  waitFor,
} from './chaos-kit.js';
import { SimWorker } from './sim-worker.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

/** Each person buys again and again with a new key until the server stops answering. */
async function purchaseLoad(url: string, productId: string, people: { token: string }[], attempts: { token: string; key: string }[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  await Promise.all(
    people.map(async (person, i) => {
      for (let n = 0; ; n++) {
        const key = `crash-${i}-${n}`;
        attempts.push({ token: person.token, key });
        const r = await gqlAt(url, BUY, { p: productId, k: key }, person.token);
        answers.push(r);
        if (r.networkError) return;
      }
    }),
  );
  return answers;
}

describe('a control plane killed with -9 under purchase load', () => {
  const dataDir = newDataDir('crash');
  let server: ProcessServer | undefined;
  const workers: SimWorker[] = [];
  let db: pg.Client | undefined;
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await db?.end();
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Two process starts: well under a minute on an idle 2-CPU machine, more while other suites share it.
  it('starts again on the same data folder, stopping the PostgreSQL the dead process left running, and no purchase is lost or doubled', {
    timeout: 180_000,
  }, async () => {
    const env = { JWT_SECRET: HAMMER_JWT_SECRET, VDI_EMBEDDED_PG_PORT: String(await freePort()), VDI_LOOP_INTERVAL_SEC: '0.5' };
    server = await launchOnDataDir(dataDir, env);
    const admin = await adminToken(server.url);
    for (let i = 0; i < 4; i++) workers.push(await SimWorker.register(server.url, `crash-${i}`, { cpus: 64, memoryMb: 131_072 }));
    for (const w of workers) w.start(300);
    const productId = (
      await okAt<any>(server.url, `mutation { createProduct(input: { name: "Crash test", priceCoins: 3, provisionAction: TEST }) { id } }`, {}, admin)
    ).createProduct.id;
    db = new pg.Client({ connectionString: embeddedDbUrl(dataDir) });
    await db.connect();
    const people = await seedUsers(db, 20, 20);
    await db.end();
    db = undefined;

    const attempts: { token: string; key: string }[] = [];
    const load = purchaseLoad(server.url, productId, people, attempts);
    await waitFor('purchases under way', async () => attempts.length > 40, 20_000, 20);
    const postmaster = Number(fs.readFileSync(`${dataDir}/pg/postmaster.pid`, 'utf8').split('\n')[0]);
    server.proc.kill('SIGKILL');
    await server.exited;
    const answers = await load;
    expect(answers.filter((a) => !a.networkError && !a.errors).length).toBeGreaterThan(0);
    // The dead process's PostgreSQL is still running: the restart must deal with it.
    expect(() => process.kill(postmaster, 0)).not.toThrow();

    server = await launchOnDataDir(dataDir, env, server.port);
    expect(server.output()).toContain('stopping the embedded PostgreSQL left running by a control plane that crashed');
    expect(server.output()).not.toMatch(/failed to start/);

    // Every attempt again with its key: what was bought is answered as before, what was cut off is bought now, once.
    const replay = async (some: typeof attempts) => Promise.all(some.map((a) => gqlAt(server!.url, BUY, { p: productId, k: a.key }, a.token)));
    const first = await replay(attempts);
    expect(first.filter((a) => a.networkError || a.status >= 500)).toEqual([]);
    for (const a of first) if (a.errors) expect(['NO_CAPACITY', 'INSUFFICIENT_COINS']).toContain(a.errors[0]!.extensions!.code);
    const second = await replay(attempts.slice(-20));
    expect(second.map((a) => a.data?.purchaseAndCreate?.id ?? null)).toEqual(first.slice(-20).map((a) => a.data?.purchaseAndCreate?.id ?? null));

    db = new pg.Client({ connectionString: embeddedDbUrl(dataDir) });
    await db.connect();
    // The workers reconnect by themselves and finish every desktop they were told to create.
    await waitFor(
      'every purchase provisioned',
      async () => (await db!.query(`select 1 from sessions where state in ('PENDING','PROVISIONING')`)).rowCount === 0,
      60_000,
    ).catch(async (err: Error) => {
      // Which desktops are stuck, and where their create command is: the first question on a failure.
      const stuck = await db!.query(
        `select s.id, s.state, s.created_at, c.state as command, c.attempts, c.delivered_at from sessions s
           left join worker_commands c on c.session_id = s.id and c.kind = 'CREATE_SESSION'
          where s.state in ('PENDING','PROVISIONING')`,
      );
      throw new Error(`${err.message}: ${JSON.stringify(stuck.rows)}\nserver output (end):\n${server!.output().slice(-4000)}`);
    });
    await assertNothingLostOrDoubled(db, { settled: true });
    const bought = await db.query(`select count(*)::int as n from sessions where owner_id is not null and state = 'READY'`);
    expect(bought.rows[0].n).toBe(first.filter((a) => a.data?.purchaseAndCreate).length);
  });
});
