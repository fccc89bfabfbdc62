import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const CREATE = `mutation($i: ExamInput!) { createExam(input: $i) { id code name expectedCandidates prewarmTarget product { id } } }`;
const IMPORT = `mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added alreadyOnRoster candidates { username password created } } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { role } } }`;

describe('exams and rosters', () => {
  let t: TestServer;
  let productId: string;
  let examId: string;
  const input = (over: Record<string, unknown> = {}) => ({
    code: 'MATH-1',
    name: 'Maths, morning',
    productId,
    startsAt: '2026-12-01T08:00:00Z',
    endsAt: '2026-12-01T10:00:00Z',
    expectedCandidates: 40,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestServer({ VDI_PREWARM_MAX: '50', VDI_LOOP_INTERVAL_SEC: '3600' });
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Exam desktop", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
  });
  afterAll(() => t?.close());

  it('creates an exam (prewarm target capped by VDI_PREWARM_MAX) and refuses a taken code with CONFLICT', async () => {
    const exam = (await t.ok<any>(CREATE, { i: input({ prewarmTarget: 70 }) }, t.adminToken)).createExam;
    expect(exam).toMatchObject({ code: 'MATH-1', expectedCandidates: 40, prewarmTarget: 50, product: { id: productId } });
    examId = exam.id;
    const again = await t.gql(CREATE, { i: input() }, t.adminToken);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it.each([
    [{ code: 'bad code!' }, 'code'],
    [{ endsAt: '2026-12-01T07:00:00Z' }, 'endsAt'],
    [{ expectedCandidates: -1 }, 'expectedCandidates'],
    [{ productId: '00000000-0000-4000-8000-000000000000' }, 'productId'],
  ])('refuses %j with BAD_USER_INPUT naming the field', async (over, field) => {
    const r = await t.gql(CREATE, { i: input({ code: 'OTHER', ...over }) }, t.adminToken);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses exam management to a USER with FORBIDDEN', async () => {
    const u = await t.user('USER');
    expect((await t.gql(CREATE, { i: input({ code: 'U-1' }) }, u.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(IMPORT, { e: examId, csv: 'someone' }, u.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('imports a roster from CSV: new candidates get their password once and can log in', async () => {
    const operator = await t.user('OPERATOR');
    const csv = 'username,password\n# morning group\ncand-a,given-password-1\n"cand-b"\n\ncand-c\n';
    const r = (await t.ok<any>(IMPORT, { e: examId, csv }, operator.token)).importRoster;
    expect(r.added).toBe(3);
    expect(r.alreadyOnRoster).toBe(0);
    expect(r.candidates.map((c: any) => c.username)).toEqual(['cand-a', 'cand-b', 'cand-c']);
    expect(r.candidates[0].password).toBe('given-password-1');
    expect(r.candidates[1].password).toMatch(/^[\w-]{12}$/);
    for (const c of r.candidates) expect((await t.ok<any>(LOGIN, { u: c.username, p: c.password })).login.user.role).toBe('CANDIDATE');
    const again = (await t.ok<any>(IMPORT, { e: examId, csv: 'cand-a\ncand-d' }, operator.token)).importRoster;
    expect(again).toMatchObject({ added: 1, alreadyOnRoster: 1 });
    expect(again.candidates).toEqual([{ username: 'cand-a', password: null, created: false }, expect.objectContaining({ username: 'cand-d', created: true })]);
  });

  it.each([
    ['cand-x\nnot a name\n', /line 2/],
    ['cand-y,short\n', /line 1: the password/],
    ['cand-z\ncand-z\n', /line 2: "cand-z" is already on line 1/],
    ['a,b,c\n', /line 1: expected/],
    ['"unterminated\n', /unterminated quote/],
    ['# only a comment\n', /no candidates/],
  ])('refuses the roster %j with BAD_USER_INPUT naming the line, storing nothing', async (csv, message) => {
    const r = await t.gql(IMPORT, { e: examId, csv }, t.adminToken);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(r.errors?.[0]?.message).toMatch(message);
    expect((await t.gql(LOGIN, { u: 'cand-x', p: 'whatever-123' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to put a USER account on a roster', async () => {
    const u = await t.user('USER');
    const r = await t.gql(IMPORT, { e: examId, csv: `fresh-one\n${u.username}` }, t.adminToken);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/line 2: .* is a USER account/);
    expect((await t.gql(LOGIN, { u: 'fresh-one', p: 'whatever-123' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
