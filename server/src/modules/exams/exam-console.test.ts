import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const EXAM = `query($id: ID!) { exam(id: $id) { id code name expectedCandidates prewarmTarget product { id } } }`;
const UPDATE = `mutation($id: ID!, $i: ExamInput!) { updateExam(id: $id, input: $i) { id code name startsAt endsAt expectedCandidates prewarmTarget } }`;
const CANDIDATES = `query($e: ID!) { examCandidates(examId: $e) { username addedAt joinedAt session { id state workerCode ownerUsername } } }`;

describe('the exam page: one exam, its edit, its candidates and live readiness', () => {
  let t: TestServer;
  let productId: string;
  let examId: string;
  let worker: { id: string; credential: string };
  const input = (over: Record<string, unknown> = {}) => ({
    code: 'CONSOLE-1',
    name: 'Console exam',
    productId,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    expectedCandidates: 2,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestServer({ VDI_PREWARM_MAX: '5', VDI_LOOP_INTERVAL_SEC: '3600' });
    worker = await registerWorker(t, 'console-w');
    await heartbeat(t, worker.credential);
    productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "Console desktop", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    examId = (await t.ok<any>(`mutation($i: ExamInput!) { createExam(input: $i) { id } }`, { i: input() }, t.adminToken)).createExam.id;
    await t.ok(
      `mutation { createExam(input: { code: "TAKEN", name: "Other", productId: "${productId}", startsAt: "2030-01-01T08:00:00Z", endsAt: "2030-01-01T10:00:00Z", expectedCandidates: 1 }) { id } }`,
      {},
      t.adminToken,
    );
  });
  afterAll(() => t?.close());

  it('reads one exam by id, and answers NOT_FOUND for an id that names none', async () => {
    expect((await t.ok<any>(EXAM, { id: examId }, t.adminToken)).exam).toMatchObject({ id: examId, code: 'CONSOLE-1', product: { id: productId } });
    const missing = await t.gql(EXAM, { id: '00000000-0000-4000-8000-000000000001' }, t.adminToken);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('edits an exam (warm target capped by VDI_PREWARM_MAX), and refuses a taken code with CONFLICT and a bad window with BAD_USER_INPUT', async () => {
    const operator = await t.user('OPERATOR');
    const changed = (
      await t.ok<any>(UPDATE, { id: examId, i: input({ name: 'Console exam, renamed', expectedCandidates: 3, prewarmTarget: 9 }) }, operator.token)
    ).updateExam;
    expect(changed).toMatchObject({ id: examId, code: 'CONSOLE-1', name: 'Console exam, renamed', expectedCandidates: 3, prewarmTarget: 5 });
    expect((await t.ok<any>(EXAM, { id: examId }, t.adminToken)).exam).toMatchObject({ name: 'Console exam, renamed', expectedCandidates: 3 });
    expect((await t.gql(UPDATE, { id: examId, i: input({ code: 'TAKEN' }) }, t.adminToken)).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
    const badWindow = await t.gql(UPDATE, { id: examId, i: input({ endsAt: '2000-01-01T00:00:00Z' }) }, t.adminToken);
    expect(badWindow.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    expect((await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000001', i: input() }, t.adminToken)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const audit = (await t.ok<any>(`{ auditLog(action: "exam.update") { totalCount } }`, {}, t.adminToken)).auditLog;
    expect(audit.totalCount).toBe(1);
  });

  it("lists the roster by username with each candidate's desktop, joinedAt set once they join", async () => {
    await t.ok(
      `mutation($e: ID!) { importRoster(examId: $e, csv: "zed-cand,zed-password-1\\namy-cand,amy-password-1") { added } }`,
      { e: examId },
      t.adminToken,
    );
    const before = (await t.ok<any>(CANDIDATES, { e: examId }, t.adminToken)).examCandidates;
    expect(before.map((c: any) => c.username)).toEqual(['amy-cand', 'zed-cand']);
    expect(before[0]).toMatchObject({ joinedAt: null, session: null, addedAt: expect.any(String) });
    const token = (await t.ok<any>(`mutation { login(username: "amy-cand", password: "amy-password-1") { token } }`)).login.token;
    const joined = (await t.ok<any>(`mutation { joinExam(examCode: "CONSOLE-1") { id state } }`, {}, token)).joinExam;
    const after = (await t.ok<any>(CANDIDATES, { e: examId }, t.adminToken)).examCandidates;
    expect(after[0]).toMatchObject({
      username: 'amy-cand',
      joinedAt: expect.any(String),
      session: { id: joined.id, state: joined.state, workerCode: 'console-w', ownerUsername: 'amy-cand' },
    });
    expect(after[1]).toMatchObject({ username: 'zed-cand', session: null });
  });

  it('names every bad roster line in extensions.lines (BAD_USER_INPUT) and stores none of the file', async () => {
    const csv = 'username,password\ngood-cand\nbad name\nshort-pw,abc\n"open';
    const r = await t.gql(`mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added } }`, { e: examId, csv }, t.adminToken);
    expect(r.errors?.[0]?.message).toBe('csv: line 3: "bad name" is not a username (1 to 64 letters, digits or . _ @ -) (and 2 more bad lines)');
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'csv',
      lines: [{ line: 3 }, { line: 4, message: 'the password must be 8 to 256 characters' }, { line: 5, message: 'unterminated quote' }],
    });
    const names = (await t.ok<any>(CANDIDATES, { e: examId }, t.adminToken)).examCandidates.map((c: any) => c.username);
    expect(names).not.toContain('good-cand');
  });

  it('sends the readiness again when a worker changes (drain makes it no-go, with the reason)', async () => {
    const client = t.ws(t.adminToken);
    // Other changes may announce a readiness first: wait for the one the drain causes.
    let stop = () => {};
    const drained = new Promise<any>((resolve, reject) => {
      stop = client.subscribe<any>(
        { query: `subscription($e: ID!) { examReadinessUpdated(examId: $e) { go reasons exam { id } } }`, variables: { e: examId } },
        {
          next: (v) => {
            if (v.errors) reject(new Error(JSON.stringify(v.errors)));
            else if (v.data?.examReadinessUpdated.reasons.some((r: string) => r.includes('draining'))) resolve(v.data);
          },
          error: reject,
          complete: () => reject(new Error('the subscription ended')),
        },
      );
    });
    await new Promise((r) => setTimeout(r, 200));
    await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: worker.id }, t.adminToken);
    const event = await drained;
    stop();
    expect(event.examReadinessUpdated.exam.id).toBe(examId);
    expect(event.examReadinessUpdated.go).toBe(false);
    expect(event.examReadinessUpdated.reasons).toContain('worker console-w: worker is draining');
  });

  it('refuses the roster view and the edit to a CANDIDATE with FORBIDDEN', async () => {
    const c = await t.user('CANDIDATE');
    expect((await t.gql(CANDIDATES, { e: examId }, c.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(UPDATE, { id: examId, i: input() }, c.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
