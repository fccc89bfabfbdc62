import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { failOperation, retryAfterFailure } from './failed-load';
import { checkA11y, controlLiveConnection, screenshot, setLanguage, useUi } from './ui-harness';
import { type SimWorker, startSimWorker } from './simulated-worker';

const ui = useUi();
let sim: SimWorker;
let productId: string;
let user: { id: string; token: string; username: string };
let bought = 0;

beforeAll(async () => {
  sim = await startSimWorker(ui.t, 'sess-w1', 4);
  const p = await ui.t.ok<{ createProduct: { id: string } }>(
    'mutation { createProduct(input: { name: "Lab desktop", priceCoins: 1, provisionAction: TEST }) { id } }',
    {},
    ui.t.adminToken,
  );
  productId = p.createProduct.id;
  user = await ui.t.user('USER', 'buyer-ui');
  await ui.t.ok(
    'mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }',
    { i: { userId: user.id, op: 'ADD', amount: 50, reason: 'test' } },
    ui.t.adminToken,
  );
});
afterAll(() => sim?.stop());

/** A USER buys a desktop through the API; returns the session id. */
async function purchase(): Promise<string> {
  const r = await ui.t.ok<{ purchaseAndCreate: { id: string } }>(
    'mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }',
    { p: productId, k: `buy-${++bought}` },
    user.token,
  );
  return r.purchaseAndCreate.id;
}

async function serverState(id: string): Promise<string> {
  const r = await ui.t.ok<{ session: { state: string } }>('query($id: ID!) { session(id: $id) { state } }', { id }, ui.t.adminToken);
  return r.session.state;
}

const row = (page: Page, id: string) => page.locator(`tr[data-session="${id}"]`);
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { __noReload: true }));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

describe('/sessions and /sessions/:id', () => {
  it('says what to do when there is no session yet, and shows the error code with Retry when the list fails', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'OPERATOR', '/sessions');
    await page.getByRole('heading', { name: 'No sessions yet' }).waitFor();
    const failing = await ui.newPage();
    const failure = await failOperation(failing, 'SessionsPage_sessions', 500);
    await ui.signIn(failing, 'OPERATOR', '/sessions');
    await failing.getByRole('alert').getByText('DATABASE_UNAVAILABLE').waitFor();
    await retryAfterFailure(failing, failure);
    await failing.getByRole('heading', { name: 'No sessions yet' }).waitFor();
  });

  it("lists a USER's purchase live without reload, and keeps the state filter in the URL across a reload", async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/sessions');
    await page.getByRole('heading', { name: 'No sessions yet' }).waitFor();
    await mark(page);
    const id = await purchase();
    await row(page, id).waitFor();
    expect(await row(page, id).textContent()).toContain('buyer-ui');
    expect(await row(page, id).textContent()).toContain('Lab desktop');
    await sim.provision(id);
    await row(page, id).getByText('Ready').waitFor();
    expect(await notReloaded(page)).toBe(true);
    expect(await serverState(id)).toBe('READY');
    for (const h of ['Session', 'Owner', 'Product', 'Worker', 'Exam', 'State', 'Created', 'Flagged reason'])
      expect(await page.getByRole('columnheader', { name: h, exact: true }).count()).toBe(1);

    await page.getByRole('textbox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    await page.waitForURL((u) => u.searchParams.get('state') === 'FAILED');
    await page.getByRole('heading', { name: 'No session matches these filters' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'No session matches these filters' }).waitFor();
    expect(new URL(page.url()).search).toBe('?state=FAILED');
    await page.goto(`${ui.url}/sessions?state=READY`);
    await row(page, id).waitFor();
    await checkA11y(page);
    await screenshot(page, 'sessions');
    await setLanguage(page, 'vi');
    await page.getByRole('columnheader', { name: 'Chủ sở hữu' }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'sessions-vi');
  });

  it('shows the detail: password hidden until Show, the log follows new lines live, Pause holds them, Download saves a .txt', async () => {
    const id = await purchase();
    await sim.provision(id, { protocol: 'rdp', host: '127.0.0.1', port: 3389, username: 'desk', password: 'pw-secret-77' });
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', `/sessions/${id}`);
    await page.getByRole('heading', { name: `Session ${id.slice(0, 8)}` }).waitFor();
    await page.getByTestId('session-log').getByText('VDI-READY').waitFor();
    const password = page.getByLabel('Password', { exact: true });
    expect(await password.inputValue()).not.toContain('pw-secret-77');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await password.inputValue()).toBe('pw-secret-77');
    expect(await page.getByRole('link', { name: 'Open desktop' }).getAttribute('href')).toBe(`/viewer/${id}`);
    await mark(page);

    await sim.log(id, ['line while following']);
    await page.getByTestId('session-log').getByText('line while following').waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await sim.log(id, ['line while paused']);
    await page.getByText('Paused · 1 new line').waitFor();
    expect(await page.getByTestId('session-log').textContent()).not.toContain('line while paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('session-log').getByText('line while paused').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe(`session-${id.slice(0, 8)}.log.txt`);
    expect(await notReloaded(page)).toBe(true);
    await checkA11y(page);
    await screenshot(page, 'session-detail');
    await setLanguage(page, 'vi');
    await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'session-detail-vi');
  });

  it('"Delete" confirms, then the state goes STOPPING and DELETED live once the worker stops it, as on the server', async () => {
    const id = await purchase();
    await sim.provision(id);
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', `/sessions/${id}`);
    await page.getByTestId('session-state').getByText('Ready').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Delete this desktop?').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    // The simulated worker acknowledges the stop at once: "Stopping" may already have given way to "Deleted".
    await page
      .getByTestId('session-state')
      .getByText(/^(Stopping|Deleted)$/)
      .waitFor();
    expect(['STOPPING', 'DELETED']).toContain(await serverState(id));
    // The worker receives the stop; acknowledging it (the simulated worker does) deletes the session.
    await sim.next('STOP_SESSION', id);
    await page.getByTestId('session-state').getByText('Deleted').waitFor();
    expect(await serverState(id)).toBe('DELETED');
    // The confirmation closes with a fade; on a busy machine its button may still be leaving when "Deleted" shows.
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
  });

  it('catches up once the live connection is back: a session deleted while it was down shows Deleted without a reload', async () => {
    const id = await purchase();
    await sim.provision(id);
    const page = await ui.newPage();
    const live = await controlLiveConnection(page);
    await ui.signIn(page, 'ADMIN', `/sessions/${id}`);
    await page.getByTestId('session-state').getByText('Ready').waitFor();
    await mark(page);
    await live.drop();
    await page.getByTestId('reconnecting-alert').waitFor();
    // Deleted while the page cannot hear it: the event is gone for good, only reading again shows it.
    await ui.t.ok('mutation($id: ID!) { deleteSession(id: $id) { id } }', { id }, ui.t.adminToken);
    await sim.next('STOP_SESSION', id);
    for (let i = 0; i < 100 && (await serverState(id)) !== 'DELETED'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await serverState(id)).toBe('DELETED');
    expect(await page.getByTestId('session-state').getAttribute('data-state')).toBe('READY');
    live.restore();
    await page.getByTestId('session-state').getByText('Deleted').waitFor({ timeout: 20_000 });
    await page.getByTestId('reconnecting-alert').waitFor({ state: 'detached' });
    expect(await notReloaded(page)).toBe(true);
  });
});
