import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HAMMER_JWT_SECRET, seedUsers } from '../fleet.js';
import {
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
const status = async (url: string) => (await fetch(url).catch(() => null))?.status ?? 0;

describe('the embedded PostgreSQL killed with -9 under a running control plane', () => {
  const dataDir = newDataDir('pg-crash');
  let server: ProcessServer | undefined;
  const workers: SimWorker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is started again by the control plane: /readyz goes 503 then 200 by itself, /healthz stays 200, requests in between get DATABASE_UNAVAILABLE, and purchases resume', {
    timeout: 90_000,
  }, async () => {
    server = await launchOnDataDir(dataDir, { JWT_SECRET: HAMMER_JWT_SECRET, VDI_EMBEDDED_PG_PORT: String(await freePort()), VDI_LOOP_INTERVAL_SEC: '0.5' });
    const admin = await adminToken(server.url);
    for (let i = 0; i < 2; i++) workers.push(await SimWorker.register(server.url, `pg-crash-${i}`));
    for (const w of workers) w.start(300);
    const productId = (
      await okAt<any>(server.url, `mutation { createProduct(input: { name: "Outage test", priceCoins: 2, provisionAction: TEST }) { id } }`, {}, admin)
    ).createProduct.id;
    const seedDb = new pg.Client({ connectionString: embeddedDbUrl(dataDir) });
    await seedDb.connect();
    const [person] = await seedUsers(seedDb, 1, 10);
    await seedDb.end();
    const buy = (key: string) => gqlAt(server!.url, BUY, { p: productId, k: key }, person!.token);
    // The desktop bought just before the crash is reported READY (and its command acknowledged)
    // while the database is down: the worker tries again until it is taken.
    const releases = workers.map((w) => w.hold());
    expect((await buy('before')).data?.purchaseAndCreate.id).toBeTruthy();
    await waitFor('the worker to receive the create command', async () => workers.some((w) => w.received > 0), 10_000, 20);

    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    for (const release of releases) release();
    const during = await buy('during');
    expect(during.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(during.errors?.[0]?.message).toMatch(/database is unavailable/);
    expect(await status(`${server.url}/readyz`)).toBe(503);
    expect(await status(`${server.url}/healthz`)).toBe(200);

    const backAt = Date.now();
    await waitFor('/readyz to answer 200 again', async () => (await status(`${server!.url}/readyz`)) === 200, 20_000, 100);
    expect(Date.now() - backAt).toBeLessThan(10_000);
    expect(await status(`${server.url}/healthz`)).toBe(200);
    expect(server.output()).toContain('the embedded PostgreSQL stopped unexpectedly; starting it again');
    const restarted = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(restarted).not.toBe(postmaster);

    // Purchases resume, and the one refused during the outage goes through once when retried.
    expect((await buy('after')).data?.purchaseAndCreate.id).toBeTruthy();
    const retried = await buy('during');
    expect(retried.errors).toBeUndefined();
    expect((await buy('during')).data?.purchaseAndCreate.id).toBe(retried.data?.purchaseAndCreate.id);

    const db = new pg.Client({ connectionString: embeddedDbUrl(dataDir) });
    await db.connect();
    try {
      await waitFor(
        'every purchase provisioned',
        async () => (await db.query(`select 1 from sessions where state in ('PENDING','PROVISIONING')`)).rowCount === 0,
        20_000,
      );
      await assertNothingLostOrDoubled(db, { settled: true });
      expect((await db.query(`select count(*)::int as n from sessions where owner_id = $1`, [person!.id])).rows[0].n).toBe(3);
    } finally {
      await db.end();
    }
  });
});
