import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { Page } from 'playwright-core';
import { heartbeat, registerWorker, type TestServer } from '../../server/test/harness.js';
import { checkA11y, screenshot, setLanguage, useUi } from './ui-harness';

// A short heartbeat TTL, so a worker whose heartbeats stop turns Stale within seconds; the
// background loops stay out of the way (the test runs the health pass itself, once a second).
const ui = useUi({ WORKER_HEARTBEAT_TTL_SEC: '5', VDI_LOOP_INTERVAL_SEC: '3600', VDI_PREWARM_CONCURRENCY: '2', VDI_PREWARM_MAX: '10' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REPORT = `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`;

interface Container {
  name: string;
  sessionId?: string;
  state: string;
}

/**
 * A worker machine over the public protocol: it registers, heartbeats every second with its
 * containers, answers its workerCommands subscription (a create is reported PROVISIONING, then
 * READY after a moment, which makes an unowned desktop WARM), and acknowledges each command.
 */
async function simulatedWorker(t: TestServer, code: string) {
  const { id, credential } = await registerWorker(t, code);
  const containers = new Map<string, Container>();
  const commands: { kind: string; payload: Record<string, unknown> }[] = [];
  const beat = () => heartbeat(t, credential, { inventory: [...containers.values()] });
  await beat();
  let timer: ReturnType<typeof setInterval> | undefined = setInterval(() => void beat().catch(() => undefined), 1000);
  const client: Client = t.ws(credential);
  const handle = async (c: { id: string; kind: string; sessionId: string | null; payload: Record<string, unknown> }) => {
    commands.push(c);
    if (c.kind === 'CREATE_SESSION' && c.sessionId) {
      const route = `desk_${c.sessionId.slice(0, 8)}`;
      await t.ok(REPORT, { i: { sessionId: c.sessionId, state: 'PROVISIONING', workerRoute: route } }, credential);
      await sleep(700);
      containers.set(route, { name: route, sessionId: c.sessionId, state: 'running' });
      const connection = { protocol: 'vnc', host: '127.0.0.1', port: 5901, username: 'student', password: 'desk-password-1' };
      await t.ok(REPORT, { i: { sessionId: c.sessionId, state: 'READY', workerRoute: route, connection } }, credential);
    } else if (c.kind === 'STOP_SESSION') {
      for (const [name, x] of containers) if (x.sessionId === c.sessionId) containers.delete(name);
    } else if (c.kind === 'STOP_CONTAINER') {
      containers.delete(String(c.payload.name));
    }
    await t.ok(`mutation($id: ID!) { completeWorkerCommand(id: $id, input: { ok: true }) }`, { id: c.id }, credential);
  };
  client.subscribe<{ workerCommands: Parameters<typeof handle>[0] }>(
    { query: 'subscription { workerCommands { id kind sessionId payload } }' },
    { next: (m) => void (m.data && handle(m.data.workerCommands)), error: () => undefined, complete: () => undefined },
  );
  return {
    id,
    code,
    commands,
    containers,
    stopHeartbeats: () => {
      clearInterval(timer);
      timer = undefined;
    },
    dispose: () => {
      clearInterval(timer);
      void client.dispose();
    },
  };
}

type Sim = Awaited<ReturnType<typeof simulatedWorker>>;
const sims: Sim[] = [];
let healthPass: ReturnType<typeof setInterval> | undefined;
afterAll(() => {
  clearInterval(healthPass);
  for (const s of sims) s.dispose();
});

/** The shell behind an open dialog (dimmed by its overlay). */
const BEHIND_DIALOG = ['.mantine-AppShell-main', '.mantine-AppShell-header', '.mantine-AppShell-navbar'];

/** A row of the exam page's worker table, by worker code. */
const workerRow = (page: Page, code: string) => page.getByRole('table', { name: 'Workers for this exam' }).getByRole('row').filter({ hasText: code });

/** Waits until `fn` holds, polling (for server state that follows an action). */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await sleep(200);
  }
}

describe('the exam morning in a real browser (/exams, /exams/:id)', () => {
  it('shows the empty list with what to do next, then a refused exam code with BAD_USER_INPUT under the field', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/exams');
    await page.getByRole('heading', { name: 'No exams yet' }).waitFor();
    expect(await page.getByText('Create the first exam').textContent()).toContain('Create the first exam');
    await page.getByRole('button', { name: 'New exam' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New exam' });
    await dialog.getByLabel('Code').fill('bad code!');
    await dialog.getByLabel('Name').fill('Refused');
    await dialog.getByRole('button', { name: 'Create exam' }).click();
    await dialog.getByText('BAD_USER_INPUT: code: use 1 to 64 letters, digits or . _ -').waitFor();
    expect((await ui.t.ok<{ exams: unknown[] }>('{ exams { id } }', {}, ui.t.adminToken)).exams).toHaveLength(0);
  });

  it('shows the API code and Retry when the exam page fails, NOT_FOUND for an unknown exam, and a skeleton while loading', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/exams');
    let fail = true;
    let hold: Promise<void> | null = null;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('ExamsPage_exams') && hold) await hold;
      if (body.includes('ExamsPage_exams') && fail)
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'The database is unavailable right now', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
        });
      return route.continue();
    });
    let release = () => {};
    hold = new Promise((r) => {
      release = r;
    });
    await page.reload();
    await page.getByRole('status', { name: 'Loading…' }).waitFor();
    release();
    await page.getByTestId('error-code').filter({ hasText: 'DATABASE_UNAVAILABLE' }).waitFor();
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'No exams yet' }).waitFor();
    await page.unroute('**/graphql');
    await page.goto(`${ui.url}/exams/00000000-0000-4000-8000-000000000001`);
    await page.getByTestId('error-code').filter({ hasText: 'NOT_FOUND' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Exam 00000000-0000-4000-8000-000000000001 not found');
  });

  it('walks the exam morning: create, workers Healthy then Stale live, Prewarm progress, Reconcile now, Drain → Drained → Disable, roster import, export', async () => {
    const t = ui.t;
    const admin = t.adminToken;
    await t.ok(`mutation { createProduct(input: { name: "Exam kiosk", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, admin);
    const healthy = await simulatedWorker(t, 'w-healthy');
    const stale = await simulatedWorker(t, 'w-stale');
    sims.push(healthy, stale);
    healthPass = setInterval(() => void t.server.services.healthMonitor.tick().catch(() => undefined), 1000);

    // Create the exam through the form.
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/exams');
    await page.getByRole('button', { name: 'New exam' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New exam' });
    await dialog.getByLabel('Code').fill('MATH-0800');
    await dialog.getByLabel('Name').fill('Mathematics, morning sitting');
    await dialog.getByRole('textbox', { name: 'Product' }).click();
    await page.getByRole('option', { name: 'Exam kiosk' }).click();
    await dialog.getByRole('textbox', { name: 'Expected candidates' }).fill('3');
    await dialog.getByRole('button', { name: 'Create exam' }).click();
    await page.waitForURL((u) => /^\/exams\/[0-9a-f-]{36}$/.test(u.pathname));
    const examId = new URL(page.url()).pathname.split('/')[2]!;
    const exam = (await t.ok<any>(`query($id: ID!) { exam(id: $id) { code name expectedCandidates product { name } } }`, { id: examId }, admin)).exam;
    expect(exam).toEqual({ code: 'MATH-0800', name: 'Mathematics, morning sitting', expectedCandidates: 3, product: { name: 'Exam kiosk' } });

    // Both workers, Healthy, with their slots as a/m; the total from the server.
    await page.getByRole('heading', { name: 'Mathematics, morning sitting' }).waitFor();
    for (const w of [healthy, stale]) {
      await workerRow(page, w.code).getByText('Healthy', { exact: true }).waitFor();
      expect(await workerRow(page, w.code).getByTestId('slots').textContent()).toBe('4/4');
    }
    expect(await page.getByRole('columnheader', { name: 'Slots (available/max)' }).count()).toBe(1);
    const total = async () =>
      (await t.ok<any>(`query($e: ID!) { clusterSummary(examId: $e) { totalAvailableSessions } }`, { e: examId }, admin)).clusterSummary.totalAvailableSessions;
    expect(await total()).toBe(8);
    await page.waitForFunction(() => document.querySelector('[data-testid="total-available"]')?.textContent === '8');

    // One worker stops heartbeating: it turns Stale on the page without a reload.
    stale.stopHeartbeats();
    await workerRow(page, 'w-stale').getByText('Stale', { exact: true }).waitFor({ timeout: 15_000 });
    const health = (await t.ok<any>('{ workers { code health } }', {}, admin)).workers;
    expect(health).toEqual(
      expect.arrayContaining([
        { code: 'w-stale', health: 'STALE' },
        { code: 'w-healthy', health: 'HEALTHY' },
      ]),
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="total-available"]')?.textContent === '4');
    expect(await total()).toBe(4);
    await page.getByTestId('readiness-reason').filter({ hasText: 'worker w-stale: stale heartbeat' }).waitFor();
    // The row says why in the page's language; the server's own words (with the last heartbeat) on hover.
    const staleWhy = workerRow(page, 'w-stale').locator('[data-refusal="STALE_HEARTBEAT"]');
    await staleWhy.waitFor();
    expect(await staleWhy.textContent()).toBe('Stale heartbeat');
    expect(await staleWhy.getAttribute('title')).toMatch(/^stale heartbeat \(last heartbeat /);
    await workerRow(page, 'w-healthy').getByText('Healthy', { exact: true }).waitFor();

    // Prewarm 3: the progress bar follows the desktops as the worker reports them.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { warmSeen: string[] }).warmSeen = seen;
      const bar = document.querySelector('[data-testid="prewarm-progress"]')!;
      new MutationObserver(() => seen.push(bar.getAttribute('data-warm') ?? '')).observe(bar, { attributes: true });
    });
    await page.getByLabel('Desktops to keep warm').fill('3');
    await page.getByRole('button', { name: 'Prewarm' }).click();
    await page.locator('[data-testid="prewarm-progress"][data-warm="3"][data-target="3"]').waitFor({ timeout: 20_000 });
    const seen = await page.evaluate(() => (window as unknown as { warmSeen: string[] }).warmSeen);
    expect(seen.some((v) => v === '1' || v === '2')).toBe(true);
    const progress = (await t.ok<any>(`query($e: ID) { prewarmProgress(examId: $e) { target warm provisioning } }`, { e: examId }, admin)).prewarmProgress;
    expect(progress).toEqual({ target: 3, warm: 3, provisioning: 0 });
    expect(healthy.commands.filter((c) => c.kind === 'CREATE_SESSION')).toHaveLength(3);
    expect(await page.getByTestId('prewarm-status').textContent()).toContain('3 of 3 warm');

    // Reconcile now: the dry run lists the differences, then Apply fixes them.
    healthy.containers.set('orphan_left_behind', { name: 'orphan_left_behind', state: 'running' });
    await eventually(
      async () => (await t.ok<any>('{ workers { code inventory { name } } }', {}, admin)).workers.find((w: any) => w.code === 'w-healthy').inventory.length,
      (n) => n === 4,
    );
    await page.getByRole('button', { name: 'Reconcile now' }).click();
    const reconcile = page.getByRole('dialog', { name: 'Reconcile now: what would change' });
    const diff = reconcile.getByRole('table', { name: 'Differences found' });
    await diff.getByRole('row').filter({ hasText: 'orphan_left_behind' }).getByText('Orphan container', { exact: true }).waitFor();
    await diff.getByRole('row').filter({ hasText: 'w-stale' }).getByText('Stale worker', { exact: true }).waitFor();
    expect(healthy.commands.some((c) => c.kind === 'STOP_CONTAINER')).toBe(false);
    // The page behind the open dialog is dimmed on purpose: axe checks the dialog.
    await checkA11y(page, { exclude: BEHIND_DIALOG });
    await screenshot(page, 'exam-reconcile');
    await reconcile.getByRole('button', { name: 'Apply' }).click();
    const applied = page.getByRole('dialog', { name: 'Reconcile now: done' });
    await applied
      .getByRole('table', { name: 'Differences fixed' })
      .getByRole('row')
      .filter({ hasText: 'orphan_left_behind' })
      .getByText('stop ordered', { exact: true })
      .waitFor();
    await eventually(async () => healthy.commands.some((c) => c.kind === 'STOP_CONTAINER' && c.payload.name === 'orphan_left_behind'), Boolean);
    expect(healthy.commands.some((c) => c.kind === 'STOP_CONTAINER' && c.payload.name === 'orphan_left_behind')).toBe(true);
    await applied.getByRole('button', { name: 'Close' }).last().click();

    // Drain → Drained → Disable on the worker without desktops.
    await workerRow(page, 'w-stale').getByRole('button', { name: 'Drain' }).click();
    await page.getByRole('dialog', { name: 'Drain w-stale?' }).getByRole('button', { name: 'Drain' }).click();
    await workerRow(page, 'w-stale').locator('[data-drain="DRAINED"]').getByText('Drained', { exact: true }).waitFor({ timeout: 15_000 });
    const drained = (await t.ok<any>('{ workers { code drainStatus status } }', {}, admin)).workers.find((w: any) => w.code === 'w-stale');
    expect(drained).toEqual({ code: 'w-stale', drainStatus: 'DRAINED', status: 'ACTIVE' });
    await workerRow(page, 'w-stale').getByRole('button', { name: 'Disable' }).click();
    const disableDialog = page.getByRole('dialog', { name: 'Disable w-stale?' });
    expect(await disableDialog.textContent()).toContain('It is drained');
    await disableDialog.getByRole('button', { name: 'Disable' }).click();
    await workerRow(page, 'w-stale').locator('[data-status="DISABLED"]').getByText('Disabled', { exact: true }).waitFor();
    await workerRow(page, 'w-stale')
      .locator('[data-refusal="DISABLED"]', { hasText: /^Disabled$/ })
      .waitFor();
    expect((await t.ok<any>('{ workers { code status } }', {}, admin)).workers.find((w: any) => w.code === 'w-stale').status).toBe('DISABLED');

    // Roster import: a bad line is named and nothing is stored; then the passwords are shown once.
    await page.getByRole('button', { name: 'Import roster' }).first().click();
    const roster = page.getByRole('dialog', { name: 'Import roster' });
    await roster.getByLabel('Or paste the CSV').fill('username,password\ncand-001\ncand 002\ncand-003,given-password-3');
    await roster.getByRole('button', { name: 'Import' }).click();
    await roster.getByTestId('roster-errors').getByText('Line 3:').waitFor();
    expect(await roster.getByTestId('roster-errors').textContent()).toContain('"cand 002" is not a username');
    expect(await roster.getByTestId('roster-errors').textContent()).toContain('BAD_USER_INPUT');
    const candidatesNow = async () =>
      (await t.ok<any>(`query($e: ID!) { examCandidates(examId: $e) { username session { state } } }`, { e: examId }, admin)).examCandidates;
    expect(await candidatesNow()).toEqual([]);
    await roster.getByLabel('Or paste the CSV').fill('username,password\ncand-001\ncand-002\ncand-003,given-password-3');
    await roster.getByRole('button', { name: 'Import' }).click();
    await roster.getByRole('table', { name: 'New accounts and their passwords' }).waitFor();
    expect(await roster.textContent()).toContain('Passwords are shown only once');
    await checkA11y(page, { exclude: BEHIND_DIALOG });
    await screenshot(page, 'exam-roster');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), roster.getByRole('button', { name: 'Download' }).click()]);
    const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('username,password');
    expect(csv).toContain('cand-003,given-password-3');
    const password001 = /cand-001,([^\r\n]+)/.exec(csv)?.[1];
    expect(password001).toMatch(/^.{8,}$/);
    await roster.getByRole('button', { name: 'Close' }).last().click();
    expect((await candidatesNow()).map((c: any) => c.username)).toEqual(['cand-001', 'cand-002', 'cand-003']);

    // A candidate joins: their desktop (a warm one, READY at once) appears in their row live.
    const candidate = (await t.ok<any>(`mutation($p: String!) { login(username: "cand-001", password: $p) { token } }`, { p: password001 })).login.token;
    expect((await t.ok<any>(`mutation { joinExam(examCode: "MATH-0800") { state } }`, {}, candidate)).joinExam.state).toBe('READY');
    const candidateRow = page.getByRole('table', { name: 'Candidates and their desktops' }).getByRole('row').filter({ hasText: 'cand-001' });
    await candidateRow.getByText('Ready', { exact: true }).waitFor();
    expect(await candidateRow.textContent()).toContain('w-healthy');
    expect((await candidatesNow())[0]).toEqual({ username: 'cand-001', session: { state: 'READY' } });

    // The candidate took a warm desktop: the pool keeps one for each of the 2 candidates still to
    // come (nothing is started at doors-open), both cards say so, and readiness does not ask for more.
    const serverReadiness = await eventually(
      async () =>
        (await t.ok<any>(`query($e: ID!) { examReadiness(examId: $e) { warm warmWanted prewarmTarget seated reasons } }`, { e: examId }, admin)).examReadiness,
      (r) => r.warm === 2 && r.seated === 1,
    );
    expect(serverReadiness).toMatchObject({ warm: 2, warmWanted: 2, prewarmTarget: 3, seated: 1 });
    expect(serverReadiness.reasons.filter((x: string) => x.startsWith('warm desktops'))).toEqual([]);
    await page.waitForFunction(() => document.querySelector('[data-testid="readiness-warm"]')?.textContent?.startsWith('2'));
    // The go / no-go counts the warm desktops against those still wanted (2), not the target (3): not red.
    const warmFigure = page.getByTestId('readiness-warm');
    expect(await warmFigure.textContent()).toBe('2 / 2');
    expect(await warmFigure.getAttribute('data-warn')).toBeNull();
    expect(await page.getByTestId('readiness-warm-hint').textContent()).toBe('target 3, 1 seated');
    await page.locator('[data-testid="prewarm-progress"][data-warm="2"]').waitFor();
    await page.getByTestId('prewarm-seated').waitFor();
    expect(await page.getByTestId('prewarm-status').textContent()).toContain('ready');
    await new Promise((r) => setTimeout(r, 500));
    expect(healthy.commands.filter((c) => c.kind === 'CREATE_SESSION')).toHaveLength(3);

    // Export after the exam: one JSON file with the candidates.
    const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(exportDownload.suggestedFilename()).toBe('exam-MATH-0800-export.json');
    const exported = JSON.parse(fs.readFileSync(await exportDownload.path(), 'utf8'));
    expect(exported.candidates.map((c: { username: string }) => c.username)).toEqual(['cand-001', 'cand-002', 'cand-003']);
    expect(exported.exam.code).toBe('MATH-0800');

    // The page in both languages: axe, screenshots; then the list.
    await checkA11y(page);
    await screenshot(page, 'exam-detail');
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Tổng số phiên còn trống' }).waitFor();
    await page.getByTestId('total-available').waitFor();
    await page.locator('tr[data-worker="w-stale"] [data-refusal="DISABLED"]', { hasText: /^Đã tắt$/ }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'exam-detail-vi');
    await setLanguage(page, 'en');
    await page.goto(`${ui.url}/exams`);
    const listRow = page.getByRole('table', { name: 'Exams' }).getByRole('row').filter({ hasText: 'MATH-0800' });
    await listRow.getByText(/^(Go|No-go)$/).waitFor();
    expect(await listRow.textContent()).toContain('Exam kiosk');
    await checkA11y(page);
    await screenshot(page, 'exams-list');
  }, 150_000);

  it('opens the list to an OPERATOR (with "New exam") and refuses it to a USER with "Not allowed"', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'OPERATOR', '/exams');
    await page.getByRole('link', { name: 'MATH-0800' }).waitFor();
    expect(await page.getByRole('button', { name: 'New exam' }).isVisible()).toBe(true);
    const user = await ui.newPage();
    await ui.signIn(user, 'USER', '/exams');
    await user.getByRole('heading', { name: 'Not allowed' }).waitFor();
  });
});
