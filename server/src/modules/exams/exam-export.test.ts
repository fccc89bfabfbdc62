import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

describe('exam export', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('exports the exam, candidates, desktops with worker code, worker heartbeat minutes and log lines, and audits it', async () => {
    const w = await registerWorker(t, 'export-w1');
    await heartbeat(t, w.credential, { usage: { cpuPercent: 40, memoryUsedMb: 4000 } });
    await t.server.services.heartbeats.flush();
    const p = (await t.ok<any>(`mutation { createProduct(input: { name: "Exam desk", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const now = Date.now();
    const exam = (
      await t.ok<any>(
        `mutation($p: ID!, $s: DateTime!, $e: DateTime!) { createExam(input: { code: "EXP-1", name: "Export", productId: $p, startsAt: $s, endsAt: $e, expectedCandidates: 1 }) { id } }`,
        { p, s: new Date(now - 60_000).toISOString(), e: new Date(now + 3_600_000).toISOString() },
        t.adminToken,
      )
    ).createExam.id;
    await t.ok(`mutation($e: ID!) { importRoster(examId: $e, csv: "cand-export,cand-export-password") { added } }`, { e: exam }, t.adminToken);
    const login = (await t.ok<any>(`mutation { login(username: "cand-export", password: "cand-export-password") { token } }`)).login.token;
    const s = (await t.ok<any>(`mutation { joinExam(examCode: "EXP-1") { id } }`, {}, login)).joinExam.id;
    await t.ok(`mutation($s: ID!) { appendSessionLog(sessionId: $s, lines: ["desktop starting", "desktop ready"]) }`, { s }, w.credential);
    const out = (await t.ok<any>(`query($e: ID!) { examExport(examId: $e) }`, { e: exam }, t.adminToken)).examExport;
    expect(out.exam).toMatchObject({ code: 'EXP-1', productName: 'Exam desk' });
    expect(out.candidates).toEqual([expect.objectContaining({ username: 'cand-export', joinedAt: expect.any(String) })]);
    expect(out.sessions).toEqual([expect.objectContaining({ sessionId: s, ownerUsername: 'cand-export', workerCode: 'export-w1' })]);
    expect(out.workers.map((x: any) => x.code)).toEqual(['export-w1']);
    expect(out.heartbeatSamples[0]).toMatchObject({ workerId: w.id, cpuMaxPercent: 40 });
    expect(out.logLines.map((l: any) => l.line)).toEqual(expect.arrayContaining(['desktop starting', 'desktop ready']));
    expect(out.truncated).toEqual({ sessions: false, logLines: false });
    const [audit] = await t.server.orm.em.getConnection().execute(`select action from audit_log where target_id = ? and action = 'exam.export'`, [exam]);
    expect(audit?.action).toBe('exam.export');
  });

  it('answers an unknown exam with NOT_FOUND', async () => {
    const r = await t.gql(`{ examExport(examId: "00000000-0000-4000-8000-000000000002") }`, {}, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
