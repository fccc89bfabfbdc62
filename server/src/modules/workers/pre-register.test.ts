import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const PRE_REGISTER = `mutation($i: PreRegisterWorkerInput!) { preRegisterWorker(input: $i) { id code name } }`;
const WORKERS = `{ workers { id code health } }`;

describe('preRegisterWorker and the agent that joins later (no stale twin)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
  });
  afterAll(() => t.close());

  const fleet = async () => (await t.ok<any>(WORKERS, {}, t.adminToken)).workers as { id: string; code: string; health: string }[];

  it("derives the code in WORKER_CODE's dash style, and an agent (WORKER_CODE=worker-217-216-33-134) takes the row over", async () => {
    const pre = (await t.ok<any>(PRE_REGISTER, { i: { name: 'Worker 217.216.33.134', apiBaseUrl: 'http://217.216.33.134:3000' } }, t.adminToken))
      .preRegisterWorker;
    expect(pre.code).toBe('worker-217-216-33-134');
    const agent = await registerWorker(t, 'worker-217-216-33-134');
    expect(agent.id).toBe(pre.id);
    await heartbeat(t, agent.credential);
    const rows = (await fleet()).filter((w) => w.code.includes('217'));
    expect(rows).toEqual([{ id: pre.id, code: 'worker-217-216-33-134', health: 'HEALTHY' }]);
  });

  it('takes a given code exactly as given, and the agent registering with it takes the row over', async () => {
    const pre = (await t.ok<any>(PRE_REGISTER, { i: { name: 'Room B, rack 2', apiBaseUrl: 'http://127.0.0.1:3000', code: 'Room-B.rack_2' } }, t.adminToken))
      .preRegisterWorker;
    expect(pre).toMatchObject({ code: 'Room-B.rack_2', name: 'Room B, rack 2' });
    const agent = await registerWorker(t, 'Room-B.rack_2');
    expect(agent.id).toBe(pre.id);
    expect((await fleet()).filter((w) => w.code === 'Room-B.rack_2')).toHaveLength(1);
  });

  it('refuses a given code that is not a worker code with BAD_USER_INPUT, and a taken one with CONFLICT', async () => {
    const bad = await t.gql(PRE_REGISTER, { i: { name: 'Bad', apiBaseUrl: 'http://127.0.0.1:3000', code: 'has space' } }, t.adminToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const taken = await t.gql(PRE_REGISTER, { i: { name: 'Again', apiBaseUrl: 'http://127.0.0.1:3000', code: 'worker-217-216-33-134' } }, t.adminToken);
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
