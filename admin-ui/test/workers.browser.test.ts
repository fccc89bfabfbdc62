import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { heartbeat, registerWorker } from '../../server/test/harness.js';
import { allowPageErrors, checkA11y, screenshot, setLanguage, useUi } from './ui-harness';

// A short heartbeat TTL so a silent worker turns Stale within seconds, and a fast health pass
// so drains complete (and health changes are announced) within a second or two.
const ui = useUi({ WORKER_HEARTBEAT_TTL_SEC: '5', VDI_LOOP_INTERVAL_SEC: '1' });

const timers: ReturnType<typeof setInterval>[] = [];
afterAll(() => {
  for (const t of timers) clearInterval(t);
});

/** A simulated worker heartbeating every second with `cpu` (changeable) until the file ends. */
async function liveWorker(code: string, capacity = { cpus: 8, memoryMb: 12288 }) {
  const w = await registerWorker(ui.t, code, capacity);
  const state = { cpu: 12.5, inventory: [] as { name: string; sessionId?: string; state: string }[], on: true };
  const beat = () => heartbeat(ui.t, w.credential, { usage: { cpuPercent: state.cpu, memoryUsedMb: 3072 }, inventory: state.inventory });
  await beat();
  timers.push(setInterval(() => state.on && void beat().catch(() => undefined), 1000));
  return { ...w, code, state, beat };
}

const WORKER_Q = 'query { workers { id code status drainStatus health maxSessions slotsAvailable maxSessionsOverride } }';
async function serverWorker(code: string) {
  const r = await ui.t.ok<{ workers: { code: string; status: string; drainStatus: string; health: string; maxSessions: number; slotsAvailable: number }[] }>(
    WORKER_Q,
    {},
    ui.t.adminToken,
  );
  const w = r.workers.find((x) => x.code === code);
  if (!w) throw new Error(`no worker ${code}`);
  return w;
}

const row = (page: Page, code: string) => page.locator(`tr[data-worker="${code}"]`);
/** Marks the page so a test can tell it was never reloaded. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { __noReload: true }));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

async function productOn(workerId: string, name: string) {
  const p = await ui.t.ok<{ createProduct: { id: string } }>(
    'mutation($n: String!) { createProduct(input: { name: $n, priceCoins: 1, provisionAction: TEST }) { id } }',
    { n: name },
    ui.t.adminToken,
  );
  const id = p.createProduct.id;
  await ui.t.ok('mutation($p: ID!, $w: [ID!]!) { setProductWorkers(productId: $p, workerIds: $w) { id } }', { p: id, w: [workerId] }, ui.t.adminToken);
  return id;
}

describe('/workers, the live fleet', () => {
  it('says how to add a worker when none has joined (empty state), in both languages', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/workers');
    await page.getByRole('heading', { name: 'No workers yet' }).waitFor();
    expect(await page.getByText('npm run worker -- --env-file deploy/worker-node/.env.worker').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add worker' }).count()).toBeGreaterThan(0);
    await checkA11y(page);
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Chưa có máy chủ' }).waitFor();
    await setLanguage(page, 'en');
  });

  it('shows the error code and Retry when the fleet cannot be read, then the table after Retry', async () => {
    await liveWorker('w-alpha');
    const page = await ui.newPage();
    allowPageErrors(page, /status of 500|Internal Server Error/);
    let fail = true;
    await page.route('**/graphql', async (route) => {
      if (fail && route.request().postData()?.includes('Fleet_workers')) {
        return route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'database unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
        });
      }
      return route.continue();
    });
    await ui.signIn(page, 'OPERATOR', '/workers');
    await page.getByRole('alert').getByText('DATABASE_UNAVAILABLE').waitFor();
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await row(page, 'w-alpha').waitFor();
  });

  it('changes CPU on screen when a heartbeat arrives, ticks the last heartbeat, and turns a silent worker Stale, without reload', async () => {
    const a = await liveWorker('w-beat');
    const silent = await registerWorker(ui.t, 'w-silent');
    await heartbeat(ui.t, silent.credential);
    const page = await ui.newPage();
    await ui.signIn(page, 'OPERATOR', '/workers');
    await row(page, 'w-beat').getByText('12.5 %').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Slots (available/max)' }).count()).toBe(1);
    expect(await row(page, 'w-beat').getByText('Healthy').count()).toBe(1);
    expect(await row(page, 'w-beat').locator('[data-testid="slots"]').textContent()).toBe('4/4');
    await page.getByText('Total available sessions').waitFor();
    await mark(page);
    a.state.cpu = 73.2;
    await row(page, 'w-beat').getByText('73.2 %').waitFor({ timeout: 5_000 });
    expect(await row(page, 'w-beat').locator('[data-testid="last-heartbeat"]').textContent()).toMatch(/^\d+ s ago$/);
    // The sparkline draws (a canvas appears once the row is on screen and a point arrives).
    await row(page, 'w-beat').locator('[data-testid="usage-sparkline"] canvas').waitFor();
    // w-silent sent one heartbeat and nothing since: past the 5 s TTL it reads Stale.
    await row(page, 'w-silent').getByText('Stale').waitFor({ timeout: 15_000 });
    expect((await serverWorker('w-silent')).health).toBe('STALE');
    expect(await notReloaded(page)).toBe(true);
  });

  it('"Drain" shows Draining while a session lives there, and Drained once it is deleted, live', async () => {
    const w = await liveWorker('w-drain');
    const productId = await productOn(w.id, 'Drain probe');
    const user = await ui.t.user('USER');
    await ui.t.ok(
      'mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }',
      { i: { userId: user.id, op: 'ADD', amount: 5, reason: 'test' } },
      ui.t.adminToken,
    );
    const bought = await ui.t.ok<{ purchaseAndCreate: { id: string } }>(
      'mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }',
      { p: productId, k: 'drain-1' },
      user.token,
    );
    const sessionId = bought.purchaseAndCreate.id;
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/workers');
    await row(page, 'w-drain').locator('[data-testid="slots"]').getByText('3/4').waitFor();
    await mark(page);
    await row(page, 'w-drain').getByRole('button', { name: 'Drain', exact: true }).click();
    await row(page, 'w-drain').getByText('Draining').waitFor();
    expect((await serverWorker('w-drain')).drainStatus).toBe('DRAINING');
    await ui.t.ok('mutation($id: ID!) { deleteSession(id: $id) { state } }', { id: sessionId }, ui.t.adminToken);
    await ui.t.ok('mutation($i: ReportSessionInput!) { reportSession(input: $i) }', { i: { sessionId, state: 'DELETED' } }, w.credential);
    await row(page, 'w-drain').getByText('Drained').waitFor({ timeout: 10_000 });
    expect((await serverWorker('w-drain')).drainStatus).toBe('DRAINED');
    expect(await notReloaded(page)).toBe(true);
  });

  it('"Disable" on a worker that is not drained asks to force; "Enable" puts it back', async () => {
    await liveWorker('w-toggle');
    const page = await ui.newPage();
    await ui.signIn(page, 'OPERATOR', '/workers');
    await row(page, 'w-toggle').getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('not drained').waitFor();
    await dialog.getByRole('button', { name: 'Force disable' }).click();
    await row(page, 'w-toggle').getByText('Disabled').waitFor();
    expect((await serverWorker('w-toggle')).status).toBe('DISABLED');
    await row(page, 'w-toggle').getByRole('button', { name: 'Enable' }).click();
    await row(page, 'w-toggle').getByRole('button', { name: 'Drain', exact: true }).waitFor();
    const after = await serverWorker('w-toggle');
    expect([after.status, after.drainStatus]).toEqual(['ACTIVE', 'NONE']);
  });

  it('an admin lowers max sessions and the row reads the new a/m; "Why not placed" lists each worker\'s reason', async () => {
    await liveWorker('w-max');
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/workers');
    await row(page, 'w-max').getByRole('button', { name: 'More actions for w-max' }).click();
    await page.getByRole('menuitem', { name: 'Max sessions…' }).click();
    const input = page.getByRole('dialog').getByLabel('Max sessions override');
    await input.fill('2');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await row(page, 'w-max').locator('[data-testid="slots"]').getByText('2/2').waitFor();
    expect(await serverWorker('w-max')).toMatchObject({ maxSessions: 2, slotsAvailable: 2 });

    // A product every worker may serve, and a worker taken out of service: one Yes, one Disabled.
    await ui.t.ok('mutation { createProduct(input: { name: "Why probe", priceCoins: 1, provisionAction: TEST }) { id } }', {}, ui.t.adminToken);
    const off = await liveWorker('w-off');
    await ui.t.ok('mutation($id: ID!) { disableWorker(id: $id, force: true) { id } }', { id: off.id }, ui.t.adminToken);
    await page.getByRole('button', { name: 'Why not placed' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Why not placed' });
    await dialog.getByLabel('Product').click();
    await page.getByRole('option', { name: /Why probe/ }).click();
    await dialog.locator('tr[data-worker="w-max"]').getByText('Yes').waitFor();
    await dialog.locator('tr[data-worker="w-off"]').getByText('Disabled').waitFor();
    await checkA11y(page);
  });

  it('/workers/:id shows the history chart, reported containers and live CPU, with its actions', async () => {
    const w = await liveWorker('w-detail');
    w.state.inventory = [{ name: 'quack_abc123', state: 'running' }];
    await w.beat();
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', `/workers/${w.id}`);
    await page.getByRole('heading', { name: 'w-detail' }).waitFor();
    await page.locator('[data-testid="heartbeat-chart"] canvas').waitFor();
    await page.getByRole('table', { name: 'Reported containers' }).getByText('quack_abc123').waitFor();
    w.state.cpu = 41.7;
    await page.locator('[data-testid="cpu"]').getByText('41.7 %').waitFor({ timeout: 5_000 });
    expect(await page.getByRole('button', { name: 'Drain', exact: true }).count()).toBe(1);
    await checkA11y(page);
    await screenshot(page, 'worker-detail');
  });

  it('passes axe in English and Vietnamese, with screenshots', async () => {
    await liveWorker('w-axe');
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/workers');
    await row(page, 'w-axe').waitFor();
    await page.waitForTimeout(1200);
    await checkA11y(page);
    await screenshot(page, 'workers');
    await setLanguage(page, 'vi');
    await page.getByRole('columnheader', { name: 'Chỗ (trống/tối đa)' }).waitFor();
    await row(page, 'w-axe').getByText('Khỏe').waitFor();
    await page.waitForTimeout(1200);
    await checkA11y(page);
    await screenshot(page, 'workers-vi');
  });
});
