import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';

describe('subscriptions over a real WebSocket (graphql-ws)', () => {
  let t: TestServer;
  let operator: { token: string };
  let user: { token: string };
  beforeAll(async () => {
    t = await startTestServer();
    operator = await t.user('OPERATOR');
    user = await t.user('USER');
  });
  afterAll(() => t.close());

  it('delivers workerHeartbeats to an operator as heartbeats arrive', async () => {
    const w = await registerWorker(t, 'ws-hb');
    const sub = collect<any>(t.ws(operator.token), `subscription { workerHeartbeats { workerId code cpuPercent driverReachable containers } }`, {}, 2);
    await new Promise((r) => setTimeout(r, 300));
    await heartbeat(t, w.credential);
    await heartbeat(t, w.credential, { inventory: [{ name: 'c1', state: 'running' }] });
    const got = await sub.done;
    expect(got.map((g) => g.workerHeartbeats)).toEqual([
      { workerId: w.id, code: 'ws-hb', cpuPercent: 12.5, driverReachable: true, containers: 0 },
      { workerId: w.id, code: 'ws-hb', cpuPercent: 12.5, driverReachable: true, containers: 1 },
    ]);
  });

  it('delivers workerUpdated and clusterSummaryUpdated after a drain', async () => {
    const w = await registerWorker(t, 'ws-drain');
    const client = t.ws(t.adminToken);
    const updated = collect<any>(client, `subscription { workerUpdated { code drainStatus } }`);
    const summary = collect<any>(client, `subscription { clusterSummaryUpdated { drainedWorkers } }`);
    await new Promise((r) => setTimeout(r, 300));
    await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: w.id }, t.adminToken);
    expect((await updated.done)[0].workerUpdated).toEqual({ code: 'ws-drain', drainStatus: 'DRAINED' });
    expect((await summary.done)[0].clusterSummaryUpdated.drainedWorkers).toBeGreaterThanOrEqual(1);
  });

  it('refuses a connection without a valid token at connect (close 4403)', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const sub = collect<any>(t.ws(token), `subscription { workerHeartbeats { workerId } }`);
      const err = (await sub.errors) as { code?: number };
      expect(err.code).toBe(4403);
    }
  });

  it('refuses a USER at subscribe time with FORBIDDEN', async () => {
    const sub = collect<any>(t.ws(user.token), `subscription { workerHeartbeats { workerId } }`);
    const errs = (await sub.errors) as { extensions?: { code?: string } }[];
    expect(errs[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('applies the depth limit to subscriptions too (QUERY_TOO_COMPLEX)', async () => {
    const deep = `subscription { sessionUpdated { product { eligibleWorkers { inventory { name } } } } }`;
    const shallow = await startTestServer({ VDI_GRAPHQL_MAX_DEPTH: '3' });
    try {
      const u = await shallow.user('ADMIN');
      const errs = (await collect<any>(shallow.ws(u.token), deep).errors) as { extensions?: { code?: string } }[];
      expect(errs[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await shallow.close();
    }
  });
});
