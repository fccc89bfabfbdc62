import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { failOperation, retryAfterFailure } from './failed-load';
import { checkA11y, controlLiveConnection, screenshot, setLanguage, useUi } from './ui-harness';
import { startSimWorker, type SimWorker } from './simulated-worker';
import { books } from './store-db';
import { expectOnlyFor } from './route-roles';

const ui = useUi();
let worker: SimWorker;
let productId = '';

const desktop = (page: Page, id: string) => page.locator(`[data-testid="desktop-card"][data-session-id="${id}"]`);
const stateOf = (page: Page, id: string, state: string) =>
  page.waitForFunction(
    ([sid, s]) => document.querySelector(`[data-session-id="${sid}"] [data-testid="session-state"]`)?.getAttribute('data-state') === s,
    [id, state],
  );
const logHas = (page: Page, id: string, text: string) =>
  page.waitForFunction(
    ([sid, want]) => document.querySelector(`[data-session-id="${sid}"] [data-testid="session-log"]`)?.textContent?.includes(want) ?? false,
    [id, text],
  );
const headerBalance = (page: Page, coins: number) =>
  page.waitForFunction((want) => document.querySelector('[data-testid="coin-balance"]')?.textContent === `Balance: ${want} coins`, coins);

describe('/my: my desktops in a real browser, with a simulated worker', () => {
  it('says "You have no desktops yet" with a way to the store, and shows a failed load with its code and "Retry"', async () => {
    worker = await startSimWorker(ui.t, 'my-w1', 3);
    productId = (
      await ui.t.ok<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { name: "Test desktop", priceCoins: 30, provisionAction: TEST, durationMinutes: 120 }) { id } }',
        {},
        ui.t.adminToken,
      )
    ).createProduct.id;
    const page = await ui.newPage();
    const failure = await failOperation(page, 'MyDesktopsPage_sessions', 503);
    await ui.signIn(page, 'USER', '/my');
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('error-code').textContent()).toBe('DATABASE_UNAVAILABLE');
    await retryAfterFailure(page, failure);
    await page.getByRole('heading', { name: 'You have no desktops yet' }).waitFor();
    await page.getByRole('link', { name: 'Go to the store' }).click();
    await page.waitForURL((u) => u.pathname === '/store');
  });

  it('walks a purchase to READY live: PENDING → PROVISIONING → READY, the log with the credentials, password hidden until "Show"', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'USER', '/store');
    const userId = me?.id ?? '';
    await ui.t.ok(
      'mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }',
      { i: { userId, op: 'SET', amount: 100, reason: 'Monthly plan' } },
      ui.t.adminToken,
    );
    await headerBalance(page, 100);
    await page.getByRole('button', { name: 'Buy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm and buy' }).click();
    await page.waitForURL((u) => u.pathname === '/my');
    const [s] = (await ui.t.ok<{ mySessions: { id: string }[] }>('{ mySessions { id } }', {}, me?.token)).mySessions;
    const id = s?.id ?? '';
    await stateOf(page, id, 'PENDING');
    await headerBalance(page, 70);
    const card = desktop(page, id);
    await card.getByRole('button', { name: 'Show log' }).click();
    await card.getByRole('log').waitFor();

    const create = await worker.next('CREATE_SESSION', id);
    await worker.report(id, 'PROVISIONING', { workerRoute: 'quack_my0001' });
    await stateOf(page, id, 'PROVISIONING');
    await worker.log(id, ['Provisioning test machine quack_my0001...', 'Login: desktop', 'Password: pw-sim-walk-42']);
    await logHas(page, id, 'Login: desktop');
    const log = await card.getByRole('log').textContent();
    expect(log).toContain('Password: ••••••••');
    expect(log).not.toContain('pw-sim-walk-42');
    await worker.report(id, 'READY', { connection: { protocol: 'test', host: '203.0.113.10', port: 3389, username: 'desktop', password: 'pw-sim-walk-42' } });
    await worker.complete(create.id, true);
    await stateOf(page, id, 'READY');
    const password = card.getByRole('textbox', { name: 'Password', exact: true });
    expect(await password.inputValue()).not.toContain('pw-sim-walk-42');
    expect(await card.getByRole('textbox', { name: 'Address' }).inputValue()).toBe('203.0.113.10:3389');
    await card.getByRole('button', { name: 'Show', exact: true }).click();
    expect(await password.inputValue()).toBe('pw-sim-walk-42');
    await card.getByRole('button', { name: 'Reveal passwords' }).click();
    await logHas(page, id, 'Password: pw-sim-walk-42');
    // A TEST desktop speaks no VNC: it is not opened in the browser.
    expect(await card.getByRole('link', { name: 'Open desktop' }).count()).toBe(0);
    await page.mouse.move(0, 0);
    await checkA11y(page);
    await screenshot(page, 'my-log');
    await card.getByRole('button', { name: 'Hide log' }).click();
    await screenshot(page, 'my');

    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Máy của tôi', level: 1 }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'my-vi');
    await setLanguage(page, 'en');
  });

  it('deletes after a confirmation: STOPPING → DELETED live, and the header balance is the sum of the ledger', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'USER', '/my');
    const [s] = (await ui.t.ok<{ mySessions: { id: string }[] }>('{ mySessions { id } }', {}, me?.token)).mySessions;
    const id = s?.id ?? '';
    await stateOf(page, id, 'READY');
    const stopSeen = worker.next('STOP_SESSION', id);
    await desktop(page, id).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Delete Test desktop?');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await stateOf(page, id, 'STOPPING').catch(() => undefined);
    await stopSeen;
    await stateOf(page, id, 'DELETED');
    expect((await ui.t.ok<{ session: { state: string } }>('query($id: ID!) { session(id: $id) { state } }', { id }, me?.token)).session.state).toBe('DELETED');
    const b = await books(ui.t.dbUrl, me?.id ?? '');
    expect(b).toMatchObject({ balance: 70, ledgerSum: 70, purchases: 1, refunds: 0 });
    await headerBalance(page, b.ledgerSum);
  });

  it('shows a FAILED desktop with its reason and the refund, and the balance back live', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'USER', '/my');
    await headerBalance(page, 70);
    const bought = await ui.t.ok<{ purchaseAndCreate: { id: string } }>(
      'mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "my-failing") { id } }',
      { p: productId },
      me?.token,
    );
    const id = bought.purchaseAndCreate.id;
    // Bought in another tab: it joins the list live.
    await stateOf(page, id, 'PENDING');
    await headerBalance(page, 40);
    const create = await worker.next('CREATE_SESSION', id);
    await worker.complete(create.id, false, 'image vdi-test:missing could not be pulled');
    await stateOf(page, id, 'FAILED');
    const failure = desktop(page, id).getByTestId('failure');
    expect(await failure.textContent()).toContain('image vdi-test:missing could not be pulled');
    expect(await desktop(page, id).getByTestId('refund').textContent()).toBe('30 coins were refunded to your balance.');
    await headerBalance(page, 70);
    expect(await books(ui.t.dbUrl, me?.id ?? '')).toMatchObject({ balance: 70, ledgerSum: 70, purchases: 2, refunds: 1 });
    expect(await desktop(page, id).getByRole('button', { name: 'Delete' }).count()).toBe(0);
  });

  it('shows Deleted even when the event never reaches the page: while a desktop is stopping the list is read again', async () => {
    const page = await ui.newPage();
    const live = await controlLiveConnection(page);
    const me = await ui.signIn(page, 'USER', '/my');
    const bought = await ui.t.ok<{ purchaseAndCreate: { id: string } }>(
      'mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "my-unheard-delete") { id } }',
      { p: productId },
      me?.token,
    );
    const id = bought.purchaseAndCreate.id;
    await worker.provision(id);
    await stateOf(page, id, 'READY');
    // The live connection is gone and stays gone: only reading the list again can show the end.
    await live.drop();
    const stopSeen = worker.next('STOP_SESSION', id);
    await desktop(page, id).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await stopSeen;
    await stateOf(page, id, 'DELETED');
  });

  it('is for USER only: ADMIN, OPERATOR and CANDIDATE see "Not allowed", nobody is asked to sign in', async () => {
    await expectOnlyFor(ui, '/my', ['USER']);
    worker.stop();
  });
});
