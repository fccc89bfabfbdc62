import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { failOperation, retryAfterFailure } from './failed-load';
import { expectOnlyFor } from './route-roles';
import { allowPageErrors, checkA11y, screenshot, setLanguage, signInWithForm, TOKEN_KEY, useUi } from './ui-harness';

const ui = useUi();

/** The stored balance and Σ delta of the ledger, read straight from PostgreSQL. */
async function books(userId: string): Promise<{ balance: number; sum: number }> {
  const db = new pg.Client({ connectionString: ui.t.dbUrl });
  await db.connect();
  try {
    const r = await db.query<{ balance: number; sum: string }>(
      'select u.coin_balance as balance, coalesce((select sum(delta) from coin_ledger_entries where user_id = u.id), 0) as sum from users u where u.id = $1',
      [userId],
    );
    return { balance: r.rows[0]!.balance, sum: Number(r.rows[0]!.sum) };
  } finally {
    await db.end();
  }
}

async function expectBooks(userId: string, balance: number): Promise<void> {
  expect(await books(userId)).toEqual({ balance, sum: balance });
}

const row = (page: Page, username: string): Locator => page.getByRole('row').filter({ has: page.getByRole('link', { name: username, exact: true }) });

/** Opens "Adjust coins" from the user's row and applies one operation. */
async function adjust(page: Page, username: string, op: 'Add' | 'Subtract' | 'Set', amount: string, reason: string): Promise<Locator> {
  await row(page, username).getByRole('button', { name: 'Adjust coins' }).click();
  const dialog = page.getByRole('dialog', { name: `Adjust coins of ${username}` });
  await dialog.getByRole('radio', { name: op }).check();
  await dialog.getByLabel('Amount').fill(amount);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  return dialog;
}

const canLogin = async (username: string, password: string) =>
  (
    await ui.t.gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: password,
    })
  ).data?.login?.token;

describe('/users in a real browser', () => {
  it('adjusts coins with Add, Subtract and Set; refuses Subtract below zero (INSUFFICIENT_COINS) and an empty reason (BAD_USER_INPUT); the ledger follows live with the actor, and balance = Σ ledger in the database', async () => {
    const alice = await ui.t.user('USER', 'alice-coins');
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/users?q=alice-coins');
    await page.getByRole('link', { name: 'alice-coins', exact: true }).click();
    const ledger = page.getByRole('region', { name: 'Coin ledger of alice-coins' });
    await ledger.getByText('No coin movements yet').waitFor();
    expect(new URL(page.url()).searchParams.get('user')).toBe(alice.id);

    const steps: ['Add' | 'Subtract' | 'Set', string, number, string, string][] = [
      ['Add', '100', 100, 'Admin add', '+100'],
      ['Subtract', '30', 70, 'Admin subtract', '−30'],
      ['Set', '250', 250, 'Admin set', '+180'],
    ];
    for (const [op, amount, balance, kind, delta] of steps) {
      const dialog = await adjust(page, 'alice-coins', op, amount, `${op} for the test`);
      await dialog.waitFor({ state: 'hidden' });
      await row(page, 'alice-coins')
        .getByTestId('user-balance')
        .filter({ hasText: `${balance} coins` })
        .waitFor();
      const first = ledger.getByRole('table', { name: 'Coin ledger' }).getByRole('row').nth(1);
      await first.filter({ hasText: kind }).waitFor();
      expect(await first.textContent()).toContain(delta);
      expect(await first.textContent()).toContain(`${op} for the test`);
      expect(await first.textContent()).toContain('admin');
      await ledger.getByTestId('balance-check').and(page.locator(`[data-agrees="true"]`)).waitFor();
      expect(await ledger.getByTestId('check-sum').textContent()).toContain(String(balance));
      await expectBooks(alice.id, balance);
    }
    await screenshot(page, 'users-ledger');

    const below = await adjust(page, 'alice-coins', 'Subtract', '1000', 'too much');
    await below.getByRole('alert').filter({ hasText: 'INSUFFICIENT_COINS' }).waitFor();
    await below.getByRole('button', { name: 'Cancel' }).click();
    await expectBooks(alice.id, 250);

    const empty = await adjust(page, 'alice-coins', 'Add', '5', '');
    await empty.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' }).waitFor();
    await empty.getByRole('button', { name: 'Cancel' }).click();
    await expectBooks(alice.id, 250);
    expect(await ledger.getByRole('table', { name: 'Coin ledger' }).getByRole('row').count()).toBe(4);
    await checkA11y(page);
  });

  it('creates a user, disables them after a confirmation (they cannot sign in: UNAUTHENTICATED) and enables them again', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/users');
    await page.getByRole('button', { name: 'New user' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill('bob-disabled');
    await dialog.getByLabel(/^Password/).fill('bob-password-1');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row(page, 'bob-disabled').waitFor();
    expect(await canLogin('bob-disabled', 'bob-password-1')).toBeTruthy();

    await row(page, 'bob-disabled').getByRole('button', { name: 'Disable', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable bob-disabled?' });
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await row(page, 'bob-disabled').getByText('Disabled', { exact: true }).waitFor();
    const refused = await ui.t.gql('mutation { login(username: "bob-disabled", password: "bob-password-1") { token } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await row(page, 'bob-disabled').getByRole('button', { name: 'Enable' }).click();
    await row(page, 'bob-disabled').getByText('Active', { exact: true }).waitFor();
    expect(await canLogin('bob-disabled', 'bob-password-1')).toBeTruthy();
    await screenshot(page, 'users');
  });

  it('resets a password: shown once with copy; that person must change it at sign-in (PASSWORD_CHANGE_REQUIRED) and can afterwards', async () => {
    const carol = await ui.t.user('USER', 'carol-reset');
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/users?q=carol');
    await row(page, 'carol-reset').getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog', { name: 'Reset the password of carol-reset?' }).getByRole('button', { name: 'Reset password' }).click();
    const shown = page.getByRole('dialog', { name: 'New password for carol-reset' });
    const generated = await shown.getByRole('textbox', { name: 'New password' }).inputValue();
    expect(generated.length).toBeGreaterThanOrEqual(8);
    expect(await shown.getByRole('button', { name: 'Copy New password' }).isVisible()).toBe(true);
    await shown.getByRole('button', { name: 'Done' }).click();
    await row(page, 'carol-reset').getByText('Must change password').waitFor();
    expect(await canLogin('carol-reset', `pw-carol-reset-secret`)).toBeUndefined();

    const hers = await ui.newPage();
    allowPageErrors(hers, /PASSWORD_CHANGE_REQUIRED|status of 4\d\d/);
    await signInWithForm(hers, ui.url, 'carol-reset', generated);
    const gate = hers.getByRole('dialog', { name: 'Choose a new password' });
    await gate.waitFor();
    const token = (await hers.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)) ?? '';
    const blocked = await ui.t.gql('{ mySessions { id } }', {}, token);
    expect(blocked.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await gate.getByLabel('Current password').fill(generated);
    await gate.getByLabel(/^New password/).fill('carol-own-password');
    await gate.getByLabel('Confirm new password').fill('carol-own-password');
    await gate.getByRole('button', { name: 'Change password' }).click();
    await gate.waitFor({ state: 'detached' });
    await hers.getByRole('button', { name: 'Sign out' }).waitFor();
    expect((await ui.t.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, token)).me.mustChangePassword).toBe(false);
    expect(await canLogin('carol-reset', 'carol-own-password')).toBeTruthy();
    expect(carol.id).toBeTruthy();
  });

  it('changes one’s own password from the header: a wrong current password shows WRONG_PASSWORD, the right one works', async () => {
    const dave = await ui.t.user('OPERATOR', 'dave-own');
    const page = await ui.newPage();
    await ui.signIn(page, dave.token, '/exams');
    await page.getByRole('banner').getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('not-my-password');
    await dialog.getByLabel(/^New password/).fill('dave-new-password');
    await dialog.getByLabel('Confirm new password').fill('dave-new-password-typo');
    await dialog.getByText('The two new passwords differ.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Change password' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Confirm new password').fill('dave-new-password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'WRONG_PASSWORD' }).waitFor();
    await dialog.getByLabel('Current password').fill('pw-dave-own-secret');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Password changed').waitFor();
    expect(await canLogin('dave-own', 'dave-new-password')).toBeTruthy();
    expect(await canLogin('dave-own', 'pw-dave-own-secret')).toBeUndefined();
  });

  it('keeps the debounced search in the URL across a reload, says what to do when nothing matches, and shows a failed load with its code and Retry', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/users');
    await page.getByRole('searchbox', { name: 'Search users' }).fill('nobody-like-this');
    await page.waitForURL((u) => u.searchParams.get('q') === 'nobody-like-this');
    await page.getByText('No user matches “nobody-like-this”').waitFor();
    await page.reload();
    expect(await page.getByRole('searchbox', { name: 'Search users' }).inputValue()).toBe('nobody-like-this');
    await page.getByText('Check the spelling, or clear the search to see everyone.').waitFor();

    const failure = await failOperation(page, 'UsersPage_users');
    await page.getByRole('searchbox', { name: 'Search users' }).fill('admin');
    await retryAfterFailure(page, failure);
    await row(page, 'admin').waitFor();
  });

  it('reads in Vietnamese and passes axe in both languages', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/users');
    await row(page, 'admin').waitFor();
    await checkA11y(page);
    await setLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Số dư' }).waitFor();
    await page.getByRole('button', { name: 'Điều chỉnh xu' }).first().waitFor();
    await checkA11y(page);
    await screenshot(page, 'users-vi');
  });

  it('shows "Not allowed" on /users to USER, CANDIDATE and OPERATOR, sends nobody to /login?next=/users, and the API refuses adjustCoins (FORBIDDEN / UNAUTHENTICATED)', async () => {
    await expectOnlyFor(ui, '/users', ['ADMIN'], {
      query: 'mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id } }',
      variables: (userId) => ({ i: { userId, op: 'ADD', amount: 5, reason: 'self-service' } }),
    });
  });
});
