import { describe, expect, it } from 'vitest';
import { registerWorker } from '../../server/test/harness.js';
import { failOperation, retryAfterFailure } from './failed-load';
import { expectOnlyFor } from './route-roles';
import { checkA11y, screenshot, setLanguage, useUi } from './ui-harness';

const ui = useUi();

describe('/audit in a real browser', () => {
  it('shows the actions just made (actor, action, target, expandable data) and filters by action, actor and dates, kept in the URL', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/audit');
    await page.getByText('Nothing recorded yet').or(page.getByRole('table')).first().waitFor();

    const eve = await ui.t.user('USER', 'eve-audited');
    await ui.t.ok(
      'mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }',
      { i: { userId: eve.id, op: 'ADD', amount: 42, reason: 'audit trail check' } },
      ui.t.adminToken,
    );
    await ui.t.ok('mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { id } }', { id: eve.id }, ui.t.adminToken);
    const operator = await ui.t.user('OPERATOR', 'olga-operator');
    const w = await registerWorker(ui.t, 'audit-w1');
    await ui.t.ok('mutation($id: ID!) { drainWorker(id: $id) { id } }', { id: w.id }, operator.token);

    await page.reload();
    const table = page.getByRole('table');
    for (const action of ['user.create', 'coins.add', 'user.disable', 'worker.drain']) await table.getByText(action, { exact: true }).first().waitFor();
    const coinsRow = page.getByRole('row').filter({ hasText: 'coins.add' });
    expect(await coinsRow.textContent()).toContain('admin');
    await coinsRow.getByRole('button', { name: 'Show data: coins.add' }).click();
    const data = page.getByTestId('audit-data');
    await data.waitFor();
    expect(JSON.parse((await data.textContent()) ?? '{}')).toMatchObject({ amount: 42, reason: 'audit trail check', balanceAfter: 42 });
    await checkA11y(page);
    await screenshot(page, 'audit');

    await page.getByRole('textbox', { name: 'Action' }).fill('coins.add');
    await page.waitForURL((u) => u.searchParams.get('action') === 'coins.add');
    await page.getByRole('row').filter({ hasText: 'user.disable' }).waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'coins.add' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'coins.add' }).count()).toBe(1);
    await page.reload();
    expect(await page.getByRole('textbox', { name: 'Action' }).inputValue()).toBe('coins.add');
    await page.getByRole('row').filter({ hasText: 'coins.add' }).waitFor();

    await page.goto(`${ui.url}/audit?actor=${operator.id}`);
    await page.getByRole('row').filter({ hasText: 'worker.drain' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'coins.add' }).count()).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'olga-operator' }).count()).toBeGreaterThan(0);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${ui.url}/audit?since=${tomorrow}`);
    await page.getByText('No action matches these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('row').filter({ hasText: 'coins.add' }).waitFor();
  });

  it('reads in Vietnamese, passes axe, and shows a failed load with its code and Retry', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/audit');
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Nhật ký thao tác', level: 1 }).waitFor();
    await checkA11y(page);
    const failure = await failOperation(page, 'AuditPage_log');
    await page.reload();
    await retryAfterFailure(page, failure, 'Thử lại');
    await page.getByRole('columnheader', { name: 'Thao tác' }).waitFor();
  });

  it('shows "Not allowed" on /audit to USER, CANDIDATE and OPERATOR, sends nobody to sign in, and the API refuses auditLog (FORBIDDEN / UNAUTHENTICATED)', async () => {
    await expectOnlyFor(ui, '/audit', ['ADMIN'], { query: '{ auditLog { totalCount } }' });
  });
});
