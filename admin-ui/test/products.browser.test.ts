import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { heartbeat, registerWorker } from '../../server/test/harness.js';
import { checkA11y, screenshot, setLanguage, useUi } from './ui-harness';

const ui = useUi();

interface StoredProduct {
  id: string;
  name: string;
  priceCoins: number;
  isActive: boolean;
  available: number;
  network: { restrictInternet: boolean; allowedDomains: string[]; allowedCidrs: string[]; allowedIps: string[] };
  eligibleWorkers: { id: string }[];
}

async function stored(name: string): Promise<StoredProduct | undefined> {
  const r = await ui.t.ok<{ products: StoredProduct[] }>(
    '{ products(includeInactive: true) { id name priceCoins isActive available network { restrictInternet allowedDomains allowedCidrs allowedIps } eligibleWorkers { id } } }',
    {},
    ui.t.adminToken,
  );
  return r.products.find((p) => p.name === name);
}

const row = (page: Page, name: string): Locator => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });

describe('/products in a real browser', () => {
  it('creates a product: a bad CIDR is marked while typing (before submit), eligible workers are saved, and free slots follow a worker heartbeat live', async () => {
    const w1 = await registerWorker(ui.t, 'prod-w1');
    await registerWorker(ui.t, 'prod-w2');
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/products');
    if (
      !(await stored('Exam kiosk')) &&
      (await ui.t.ok<{ products: unknown[] }>('{ products(includeInactive: true) { id } }', {}, ui.t.adminToken)).products.length === 0
    )
      await page.getByText('No products yet').waitFor();

    await page.getByRole('button', { name: 'New product' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'New product' });
    await drawer.getByLabel(/^Name/).fill('Exam kiosk');
    await drawer.getByLabel(/^Price/).fill('15');
    await drawer.getByRole('radio', { name: 'Linux' }).check();
    await drawer.getByRole('switch', { name: 'Restrict internet' }).check({ force: true });
    const cidrs = drawer.getByLabel('Allowed CIDRs');
    await cidrs.fill('10.0.0.0/33');
    await drawer.getByText('“10.0.0.0/33”: the prefix must be 0 to 32').waitFor();
    expect(await drawer.getByRole('button', { name: 'Create product' }).isDisabled()).toBe(true);
    await cidrs.fill('10.0.0.0/8');
    await cidrs.press('Enter');
    const ips = drawer.getByLabel('Allowed IPs');
    await ips.fill('1.2.3.4/32');
    await drawer.getByText('a single IP has no /prefix').waitFor();
    await ips.fill('203.0.113.7');
    await ips.press('Enter');
    await drawer.getByLabel('Allowed domains').fill('exam.school.edu');
    await drawer.getByLabel('Allowed domains').press('Enter');
    await drawer.getByLabel('Eligible workers').click();
    await page.getByRole('option', { name: 'prod-w1' }).click();
    await drawer.getByLabel('Eligible workers').press('Escape');
    await drawer.getByRole('button', { name: 'Create product' }).click();
    await drawer.waitFor({ state: 'hidden' });

    const saved = await stored('Exam kiosk');
    expect(saved?.network).toEqual({ restrictInternet: true, allowedDomains: ['exam.school.edu'], allowedCidrs: ['10.0.0.0/8'], allowedIps: ['203.0.113.7'] });
    expect(saved?.eligibleWorkers.map((w) => w.id)).toEqual([w1.id]);
    const available = row(page, 'Exam kiosk').getByTestId('product-available');
    await available.filter({ hasText: 'Sold out' }).waitFor();
    await heartbeat(ui.t, w1.credential);
    await available.filter({ hasText: '4 slots' }).waitFor();
    expect((await stored('Exam kiosk'))?.available).toBe(4);
    await checkA11y(page);
    await screenshot(page, 'products');
  });

  it('creates a Linux VPS desktop with sudo and a start timeout: "Linux desktop" only for LINUX, "Allow sudo" only for VPS desktops, the timeout checked before submit', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/products');
    await page.getByRole('button', { name: 'New product' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'New product' });
    await drawer.getByLabel(/^Name/).fill('Linux VPS');
    await drawer.getByLabel(/^Price/).fill('20');
    const kiosk = drawer.getByRole('radio', { name: 'Kiosk', exact: true });
    const desktop = drawer.getByRole('radio', { name: 'Desktop', exact: true });
    const sudo = drawer.getByRole('switch', { name: 'Allow sudo' });
    expect(await kiosk.isChecked()).toBe(true);
    expect(await sudo.count()).toBe(0);
    await desktop.check();
    await sudo.check({ force: true });
    const timeout = drawer.getByLabel('Start timeout (s)');
    await timeout.fill('5');
    await drawer.getByText('From 10 to 7200 seconds').waitFor();
    expect(await drawer.getByRole('button', { name: 'Create product' }).isDisabled()).toBe(true);
    await timeout.fill('600');
    await drawer.getByText('From 10 to 7200 seconds').waitFor({ state: 'detached' });
    // Windows: no Linux desktop choice, sudo still offered; Test: neither.
    await drawer.getByRole('radio', { name: 'Windows', exact: true }).check();
    expect(await kiosk.count()).toBe(0);
    expect(await sudo.isVisible()).toBe(true);
    await drawer.getByRole('radio', { name: 'Test', exact: true }).check();
    expect(await sudo.count()).toBe(0);
    await drawer.getByRole('radio', { name: 'Linux', exact: true }).check();
    expect(await desktop.isChecked()).toBe(true);
    await checkA11y(page);
    await drawer.getByRole('button', { name: 'Create product' }).click();
    await drawer.waitFor({ state: 'hidden' });

    const saved = await ui.t.ok<{ products: { name: string; linuxDesktop: string; allowSudo: boolean; startTimeoutSeconds: number | null }[] }>(
      '{ products(includeInactive: true) { name linuxDesktop allowSudo startTimeoutSeconds } }',
      {},
      ui.t.adminToken,
    );
    expect(saved.products.find((p) => p.name === 'Linux VPS')).toEqual({
      name: 'Linux VPS',
      linuxDesktop: 'DESKTOP',
      allowSudo: true,
      startTimeoutSeconds: 600,
    });
    await row(page, 'Linux VPS').getByTestId('product-kind').filter({ hasText: 'VPS desktop (RDP) · sudo' }).waitFor();

    await row(page, 'Linux VPS').getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit product' });
    expect(await edit.getByRole('radio', { name: 'Desktop', exact: true }).isChecked()).toBe(true);
    expect(await edit.getByRole('switch', { name: 'Allow sudo' }).isChecked()).toBe(true);
    expect(await edit.getByLabel('Start timeout (s)').inputValue()).toBe('600');
  });

  it('edits a product (price and workers saved), and deactivates it after a confirmation', async () => {
    const w3 = await registerWorker(ui.t, 'prod-w3');
    const created = await ui.t.ok<{ createProduct: { id: string } }>(
      'mutation($i: ProductInput!) { createProduct(input: $i) { id } }',
      { i: { name: 'VPS small', priceCoins: 10, provisionAction: 'TEST' } },
      ui.t.adminToken,
    );
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/products');
    await row(page, 'VPS small').getByRole('button', { name: 'Edit' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit product' });
    await drawer.getByLabel(/^Price/).fill('25');
    await drawer.getByLabel('Eligible workers').click();
    await page.getByRole('option', { name: 'prod-w3' }).click();
    await drawer.getByLabel('Eligible workers').press('Escape');
    await screenshot(page, 'product-edit');
    await checkA11y(page);
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const saved = await stored('VPS small');
    expect(saved?.priceCoins).toBe(25);
    expect(saved?.eligibleWorkers.map((w) => w.id)).toEqual([w3.id]);
    expect(saved?.id).toBe(created.createProduct.id);

    await row(page, 'VPS small').getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate VPS small?' }).getByRole('button', { name: 'Deactivate' }).click();
    await row(page, 'VPS small').getByText('Inactive', { exact: true }).waitFor();
    expect((await stored('VPS small'))?.isActive).toBe(false);
    expect((await stored('VPS small'))?.priceCoins).toBe(25);
  });

  it('reads in Vietnamese, passes axe, and shows a failed load with its code and Retry', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/products');
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Sản phẩm', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Còn trống' }).waitFor();
    await checkA11y(page);
    let fail = true;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (fail && body?.operationName === 'ProductsPage_products')
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'The database is restarting', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
        });
      return route.continue();
    });
    await page.reload();
    await page.getByTestId('error-code').filter({ hasText: 'DATABASE_UNAVAILABLE' }).waitFor();
    fail = false;
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('columnheader', { name: 'Còn trống' }).waitFor();
  });

  it('shows "Not allowed" on /products to USER, CANDIDATE and OPERATOR, sends nobody to sign in, and the API refuses createProduct (FORBIDDEN / UNAUTHENTICATED)', async () => {
    for (const role of ['USER', 'CANDIDATE', 'OPERATOR'] as const) {
      const page = await ui.newPage();
      const who = await ui.signIn(page, role, '/products');
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      const r = await ui.t.gql('mutation { createProduct(input: { name: "sneaky", priceCoins: 0, provisionAction: TEST }) { id } }', {}, who!.token);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const page = await ui.newPage();
    await page.goto(`${ui.url}/products`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/products');
    const r = await ui.t.gql('mutation { createProduct(input: { name: "sneaky", priceCoins: 0, provisionAction: TEST }) { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
