import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const HISTORY = `query($w: ID!, $s: DateTime) { workerHeartbeatHistory(workerId: $w, since: $s) { workerId bucket heartbeats cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions } }`;

describe('heartbeat history', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('sums the heartbeats of a minute into one sample with average and peak CPU and memory', async () => {
    const w = await registerWorker(t, 'hist-1');
    for (const [cpu, mem] of [
      [10, 1000],
      [20, 2000],
      [60, 3000],
    ])
      await heartbeat(t, w.credential, { usage: { cpuPercent: cpu, memoryUsedMb: mem } });
    await t.server.services.heartbeats.flush();
    const rows = (await t.ok<any>(HISTORY, { w: w.id }, t.adminToken)).workerHeartbeatHistory;
    const total = rows.reduce((n: number, r: any) => n + r.heartbeats, 0);
    expect(total).toBe(3);
    const last = rows.at(-1);
    expect(last.cpuMaxPercent).toBe(60);
    expect(last.memoryTotalMb).toBe(12288);
    expect(last.maxSessions).toBe(4);
    expect(last.liveSessions).toBe(0);
    if (rows.length === 1) {
      expect(last.cpuAvgPercent).toBeCloseTo(30);
      expect(last.memoryAvgMb).toBe(2000);
      expect(last.memoryMaxMb).toBe(3000);
    }
  });

  it('adds later flushes to the same minute instead of replacing it', async () => {
    const w = await registerWorker(t, 'hist-2');
    await heartbeat(t, w.credential, { usage: { cpuPercent: 50, memoryUsedMb: 100 } });
    await t.server.services.heartbeats.flush();
    await heartbeat(t, w.credential, { usage: { cpuPercent: 70, memoryUsedMb: 300 } });
    await t.server.services.heartbeats.flush();
    const rows = (await t.ok<any>(HISTORY, { w: w.id }, t.adminToken)).workerHeartbeatHistory;
    expect(rows.reduce((n: number, r: any) => n + r.heartbeats, 0)).toBe(2);
    expect(Math.max(...rows.map((r: any) => r.cpuMaxPercent))).toBe(70);
  });

  it('prunes minutes older than VDI_HEARTBEAT_HISTORY_DAYS and keeps newer ones', async () => {
    const w = await registerWorker(t, 'hist-3');
    const conn = t.server.orm.em.getConnection();
    await conn.execute(
      `insert into heartbeat_samples (worker_id, bucket, heartbeats, live_sessions, max_sessions) values (?, now() - interval '8 days', 1, 0, 4), (?, now() - interval '6 days', 1, 0, 4)`,
      [w.id, w.id],
    );
    const pruned = await t.server.services.history.prune();
    expect(pruned).toBeGreaterThanOrEqual(1);
    const rows = (await t.ok<any>(HISTORY, { w: w.id, s: new Date(Date.now() - 30 * 86_400_000).toISOString() }, t.adminToken)).workerHeartbeatHistory;
    expect(rows).toHaveLength(1);
  });

  it('answers an unknown worker with NOT_FOUND and since after until with BAD_USER_INPUT', async () => {
    const r = await t.gql(HISTORY, { w: '00000000-0000-4000-8000-000000000001' }, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const w = await registerWorker(t, 'hist-4');
    const bad = await t.gql(
      `query($w: ID!) { workerHeartbeatHistory(workerId: $w, since: "2030-01-02T00:00:00Z", until: "2030-01-01T00:00:00Z") { bucket } }`,
      { w: w.id },
      t.adminToken,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a USER with FORBIDDEN', async () => {
    const u = await t.user('USER');
    const w = await registerWorker(t, 'hist-5');
    const r = await t.gql(HISTORY, { w: w.id }, u.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the fleet table figures on Worker: memory total, engine status and version', async () => {
    const w = await registerWorker(t, 'hist-6');
    await heartbeat(t, w.credential);
    const list = (
      await t.ok<any>(
        `{ workers { id memoryTotalMb memoryUsedMb cpuPercent engineReachable engineVersion engineError activeSessions version } }`,
        {},
        t.adminToken,
      )
    ).workers;
    const row = list.find((x: any) => x.id === w.id);
    expect(row).toMatchObject({
      memoryTotalMb: 12288,
      memoryUsedMb: 2048,
      cpuPercent: 12.5,
      engineReachable: true,
      engineVersion: '28.2.2',
      engineError: null,
      activeSessions: 0,
      version: 'test',
    });
  });
});
