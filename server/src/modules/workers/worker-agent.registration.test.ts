import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_TOKEN, heartbeat, heartbeatRaw, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const REGISTER = `mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id apiBaseUrl } credential } }`;
const input = (code: string, apiBaseUrl = 'http://127.0.0.1:3000/takeover') => ({
  i: { clusterToken: CLUSTER_TOKEN, code, apiBaseUrl, capacity: { cpus: 8, memoryMb: 12288 } },
});

describe('registerWorker: the cluster token alone does not take over a worker that holds a credential', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('refuses the cluster token alone for a registered code with CONFLICT, leaving its credential and apiBaseUrl as they were', async () => {
    const w = await registerWorker(t, 'held');
    const r = await t.gql(REGISTER, input('held', 'http://203.0.113.66:3000'));
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await heartbeat(t, w.credential);
    const workers = (await t.ok<any>('{ workers { code apiBaseUrl } }', {}, t.adminToken)).workers;
    expect(workers.find((x: { code: string }) => x.code === 'held').apiBaseUrl).toBe('http://127.0.0.1:3000/held');
  });

  it('lets the holder re-register with its current credential, which rotates it', async () => {
    const w = await registerWorker(t, 'holder');
    const again = await t.ok<any>(REGISTER, input('holder'), w.credential);
    expect(again.registerWorker.worker.id).toBe(w.id);
    expect((await heartbeatRaw(t, w.credential)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await heartbeat(t, again.registerWorker.credential);
  });

  it("refuses another worker's credential with CONFLICT", async () => {
    await registerWorker(t, 'victim');
    const other = await registerWorker(t, 'other');
    expect((await t.gql(REGISTER, input('victim'), other.credential)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets the cluster token claim a pre-registered row, and a row whose credential an admin revoked', async () => {
    const pre = (
      await t.ok<any>(`mutation { preRegisterWorker(input: { name: "Worker 10.9.9.9", apiBaseUrl: "http://10.9.9.9:3000" }) { id code } }`, {}, t.adminToken)
    ).preRegisterWorker;
    expect((await t.ok<any>(REGISTER, input(pre.code))).registerWorker.worker.id).toBe(pre.id);
    const w = await registerWorker(t, 'revoked-then-back');
    await t.ok('mutation($id: ID!) { revokeWorkerCredential(id: $id) { id } }', { id: w.id }, t.adminToken);
    const back = await t.ok<any>(REGISTER, input('revoked-then-back'));
    expect(back.registerWorker.worker.id).toBe(w.id);
    await heartbeat(t, back.registerWorker.credential);
  });
});
