import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';

describe('ops endpoints', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${t.server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.server.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('reports /readyz 503 while the database refuses connections, and recovers', async () => {
    const dbName = new URL(t.dbUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: t.dbUrl.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`alter database ${dbName} allow_connections false`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName]);
      const down = await fetch(`${t.server.url}/readyz`);
      expect(down.status).toBe(503);
    } finally {
      await admin.query(`alter database ${dbName} allow_connections true`);
      await admin.end();
    }
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await fetch(`${t.server.url}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });

  it('exports request latency, workers by health and sessions by state on /metrics', async () => {
    const w = await registerWorker(t, 'metrics-w');
    await heartbeat(t, w.credential);
    await t.server.services.heartbeats.flush();
    await t.ok(`{ workers { id } }`, {}, t.adminToken);
    const text = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(text).toMatch(/vdi_graphql_request_duration_seconds_bucket\{.*type="query",operation="workers",outcome="ok"/);
    expect(text).toMatch(/vdi_workers\{health="HEALTHY",status="ACTIVE",drain="NONE"\} 1/);
    expect(text).toMatch(/vdi_sessions\{state="READY"\} 0/);
    expect(text).toMatch(/vdi_process_resident_memory_bytes/);
  });

  it('keeps /metrics from remote callers when no VDI_METRICS_TOKEN is set: 404 through a proxy, 200 to a direct local caller', async () => {
    expect((await fetch(`${t.server.url}/metrics`)).status).toBe(200);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await fetch(`${t.server.url}/metrics`, { headers: { [header]: '203.0.113.9' } });
      expect({ header, status: res.status }).toEqual({ header, status: 404 });
      expect(await res.text()).not.toMatch(/vdi_/);
    }
  });

  it('opens /metrics with VDI_METRICS_TOKEN as a bearer token only (401 without it or with another)', async () => {
    const token = 'metrics-token-for-tests-0123456789';
    const guarded = await startTestServer({ VDI_METRICS_TOKEN: token });
    try {
      const get = (authorization?: string) => fetch(`${guarded.server.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect((await get()).status).toBe(401);
      expect((await get()).headers.get('www-authenticate')).toBe('Bearer');
      expect((await get('Bearer not-the-metrics-token-000000')).status).toBe(401);
      expect((await get(`Bearer ${guarded.adminToken}`)).status).toBe(401);
      const ok = await get(`Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/vdi_process_resident_memory_bytes/);
    } finally {
      await guarded.close();
    }
  });

  it('serves a self-hosted GraphiQL on GET /graphql for browsers, with its assets from this server', async () => {
    const page = await fetch(`${t.server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThanOrEqual(4);
    for (const src of srcs) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${t.server.url}${src}`);
      expect(asset.status).toBe(200);
      // The start script is small; the libraries are large.
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(src.endsWith('-start.js') ? 300 : 1000);
    }
  });
});
