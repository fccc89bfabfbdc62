import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_TOKEN, registerWorker, startTestServer, type TestServer } from '../../server/test/harness.js';
import { loadWorkerConfig } from './config.js';
import { ControlPlaneClient } from './control-plane-client.js';
import { collectingLogger } from '../test/log-lines.js';

/** A client for `code` with its own state folder, and the log lines it writes. */
function agent(t: TestServer, code: string, stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-worker-state-'))) {
  const { logger, lines } = collectingLogger('info');
  const config = loadWorkerConfig({
    WORKER_CODE: code,
    WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
    CONTROL_PLANE_API_BASE: t.server.url,
    WORKER_API_BASE_URL: `http://127.0.0.1:3999/${code}`,
    WORKER_STATE_DIR: stateDir,
    WORKER_CPUS: '8',
    WORKER_MEMORY_MB: '12288',
  });
  return { client: new ControlPlaneClient(config, logger), lines, stateDir };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('worker registration: a code that holds a credential is not taken over with the cluster token', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('re-joins after a restart with the credential it kept, and keeps its worker id', async () => {
    const first = agent(t, 'kept-credential');
    const id = await first.client.register('test');
    const kept = fs.readFileSync(path.join(first.stateDir, 'credential'), 'utf8');
    const restarted = agent(t, 'kept-credential', first.stateDir);
    expect(await restarted.client.register('test')).toBe(id);
    expect(fs.readFileSync(path.join(first.stateDir, 'credential'), 'utf8')).not.toBe(kept);
  });

  it('is refused with CONFLICT on a machine without the credential, says why in its log, and joins once an admin revokes the credential', async () => {
    const holder = await registerWorker(t, 'reinstalled');
    const newcomer = agent(t, 'reinstalled');
    const joined = newcomer.client.register('test');
    await until(() => newcomer.lines.some((l) => l.includes('registration failed')));
    const line = newcomer.lines.find((l) => l.includes('registration failed'))!;
    expect(line).toMatch(/already registered with another credential/);
    expect(line).toMatch(/revokeWorkerCredential/);
    // The holder still works: nothing was taken over.
    expect((await t.gql('mutation { workerHeartbeat(input: {}) { status } }', {}, holder.credential)).errors).toBeUndefined();
    await t.ok('mutation($id: ID!) { revokeWorkerCredential(id: $id) { id } }', { id: holder.id }, t.adminToken);
    expect(await joined).toBe(holder.id);
  });
});
