import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { failOperation, retryAfterFailure } from './failed-load';
import { allowPageErrors, checkA11y, screenshot, setLanguage, useUi } from './ui-harness';
import { startSimWorker, type SimWorker } from './simulated-worker';
import { books } from './store-db';
import { expectOnlyFor } from './route-roles';

const ui = useUi();
let worker: SimWorker;
const products: Record<string, string> = {};

const card = (page: Page, name: string) => page.getByTestId('product-card').filter({ has: page.getByRole('heading', { name }) });
const balanceBadge = (page: Page) => page.getByRole('banner').getByTestId('coin-balance');
const waitText = (page: Page, testId: string, text: string, scope?: string) =>
  page.waitForFunction(
    ([id, want, sc]) => {
      const root = sc ? document.querySelector(`[data-product-id="${sc}"]`) : document;
      return root?.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(want as string) ?? false;
    },
    [testId, text, scope],
  );

async function createProduct(name: string, priceCoins: number, provisionAction: string, durationMinutes: number): Promise<string> {
  const r = await ui.t.ok<{ createProduct: { id: string } }>(
    'mutation($i: ProductInput!) { createProduct(input: $i) { id } }',
    { i: { name, priceCoins, provisionAction, durationMinutes } },
    ui.t.adminToken,
  );
  return r.createProduct.id;
}

async function adjust(userId: string, op: string, amount: number, reason: string) {
  await ui.t.ok('mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }', { i: { userId, op, amount, reason } }, ui.t.adminToken);
}

describe('/store: the storefront in a real browser', () => {
  it('says "Nothing for sale yet" without products, and shows a failed load with its code and "Retry"', async () => {
    const page = await ui.newPage();
    const failure = await failOperation(page, 'StorePage_products', 503);
    await ui.signIn(page, 'USER', '/store');
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('error-code').textContent()).toBe('DATABASE_UNAVAILABLE');
    await retryAfterFailure(page, failure);
    await page.getByRole('heading', { name: 'Nothing for sale yet' }).waitFor();
  });

  it('lists products with kind, price and duration, and follows availability live: "Sold out" at 0, back without a reload', async () => {
    worker = await startSimWorker(ui.t, 'store-w1', 4);
    products.test = await createProduct('Test desktop', 30, 'TEST', 60);
    products.linux = await createProduct('Ubuntu workstation', 120, 'LINUX', 0);
    const page = await ui.newPage();
    await ui.signIn(page, 'USER', '/store');
    const test = card(page, 'Test desktop');
    await test.waitFor();
    expect(await test.getByTestId('price').textContent()).toBe('30 coins');
    expect(await test.textContent()).toContain('Test');
    expect(await test.textContent()).toContain('1 hour');
    expect(await card(page, 'Ubuntu workstation').textContent()).toContain('No time limit');
    await waitText(page, 'availability', '4 available', products.test);

    await ui.t.ok('mutation($id: ID!) { drainWorker(id: $id) { id } }', { id: worker.id }, ui.t.adminToken);
    await waitText(page, 'availability', 'Sold out', products.test);
    expect(await test.getByRole('button', { name: 'Buy' }).isDisabled()).toBe(true);
    const seen = await ui.t.ok<{ products: { id: string; available: number }[] }>('{ products { id available } }', {}, ui.t.adminToken);
    expect(seen.products.find((p) => p.id === products.test)?.available).toBe(0);
    await screenshot(page, 'store-sold-out');

    await ui.t.ok('mutation($id: ID!) { enableWorker(id: $id) { id } }', { id: worker.id }, ui.t.adminToken);
    await waitText(page, 'availability', '4 available', products.test);
    expect(await test.getByRole('button', { name: 'Buy' }).isEnabled()).toBe(true);
  });

  it('follows the balance in the header live, asks before buying (product, price, balance after), and a double click buys once', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'USER', '/store');
    const userId = me?.id ?? '';
    await card(page, 'Test desktop').waitFor();
    await adjust(userId, 'ADD', 100, 'Welcome credit');
    await page.waitForFunction(() => document.querySelector('[data-testid="coin-balance"]')?.textContent?.endsWith('100 coins'));

    await card(page, 'Test desktop').getByRole('button', { name: 'Buy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your purchase' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Test desktop');
    expect(await dialog.getByTestId('balance-after').textContent()).toBe('70 coins');
    await checkA11y(page);
    await screenshot(page, 'store-buy-confirm');

    await dialog.getByRole('button', { name: 'Confirm and buy' }).dblclick();
    await page.waitForURL((u) => u.pathname === '/my');
    await page.waitForFunction(() => document.querySelector('[data-testid="coin-balance"]')?.textContent?.endsWith('70 coins'));
    const b = await books(ui.t.dbUrl, userId);
    expect(b).toMatchObject({ sessions: 1, purchases: 1, balance: 70, ledgerSum: 70 });
    expect(await balanceBadge(page).textContent()).toBe(`Balance: ${b.ledgerSum} coins`);
  });

  it('retries a purchase whose answer was lost with the same idempotency key: one more session, not two', async () => {
    const page = await ui.newPage();
    allowPageErrors(page, /net::ERR_FAILED|Failed to fetch|Failed to load resource/);
    const me = await ui.signIn(page, 'USER', '/store');
    const keys: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (body?.operationName !== 'StorePage_purchase') return route.fallback();
      keys.push(body.variables.idempotencyKey);
      // The first attempt reaches the server and buys; its answer never comes back.
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('failed');
      }
      return route.fallback();
    });
    await card(page, 'Test desktop').getByRole('button', { name: 'Buy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your purchase' });
    await dialog.getByRole('button', { name: 'Confirm and buy' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByTestId('error-code').textContent()).toBe('NETWORK_ERROR');
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL((u) => u.pathname === '/my');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await books(ui.t.dbUrl, me?.id ?? '')).toMatchObject({ sessions: 2, purchases: 2, balance: 40, ledgerSum: 40 });
  });

  it('refuses with INSUFFICIENT_COINS, naming the balance and the price, and writes nothing', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'USER', '/store');
    await card(page, 'Ubuntu workstation').getByRole('button', { name: 'Buy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your purchase' });
    expect(await dialog.getByTestId('balance-after').textContent()).toBe('-80 coins');
    await dialog.getByRole('button', { name: 'Confirm and buy' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByTestId('error-code').textContent()).toBe('INSUFFICIENT_COINS');
    expect(await dialog.getByRole('alert').textContent()).toContain('your balance is 40 and this desktop costs 120');
    expect(await books(ui.t.dbUrl, me?.id ?? '')).toMatchObject({ sessions: 2, purchases: 2, balance: 40 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(new URL(page.url()).pathname).toBe('/store');
  });

  it('passes axe in English and Vietnamese, with screenshots', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'USER', '/store');
    await card(page, 'Test desktop').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'connected');
    await checkA11y(page);
    await screenshot(page, 'store');
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Cửa hàng' }).waitFor();
    // The card re-renders in the new language after the heading: wait for its button, then count it.
    await card(page, 'Test desktop').getByRole('button', { name: 'Mua' }).waitFor();
    expect(await card(page, 'Test desktop').getByRole('button', { name: 'Mua' }).count()).toBe(1);
    await checkA11y(page);
    await screenshot(page, 'store-vi');
  });

  it('is for USER only: ADMIN, OPERATOR and CANDIDATE see "Not allowed", nobody is asked to sign in', async () => {
    await expectOnlyFor(ui, '/store', ['USER']);
    worker.stop();
  });
});
