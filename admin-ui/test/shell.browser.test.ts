import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { allowPageErrors, checkA11y, controlLiveConnection, screenshot, setLanguage, TOKEN_KEY, useUi, type UiRole } from './ui-harness';

const JWT_SECRET = 'jwt-secret-for-the-shell-browser-suite';
const ui = useUi({ JWT_SECRET });

const HOMES: [UiRole, string, string][] = [
  ['ADMIN', '/exams', 'Admin'],
  ['OPERATOR', '/exams', 'Operator'],
  ['USER', '/store', 'User'],
  ['CANDIDATE', '/join', 'Candidate'],
];

const signOutButton = (page: Page) => page.getByRole('button', { name: 'Sign out' });
const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

describe('the web app shell in a real browser', () => {
  it.each(HOMES)('signs a %s in through the login form and lands on %s with the header', async (role, home, roleLabel) => {
    const page = await ui.newPage();
    const account = await ui.signIn(page, role);
    await page.waitForURL((u) => u.pathname === home);
    const header = page.getByRole('banner');
    await expect(header.getByTestId('header-viewer').textContent()).resolves.toContain(account?.username);
    await expect(header.getByTestId('header-role').textContent()).resolves.toBe(roleLabel);
    expect(await signOutButton(page).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Language' }).isVisible()).toBe(true);
    const playground = header.getByRole('link', { name: 'GraphQL Playground' });
    expect(await playground.count()).toBe(role === 'ADMIN' || role === 'OPERATOR' ? 1 : 0);
    if (role === 'USER') expect(await header.getByTestId('coin-balance').textContent()).toMatch(/^Balance: \d+ coins?$/);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const links = await nav.getByRole('link').allTextContents();
    const expected: Record<UiRole, string[]> = {
      ADMIN: ['Exams', 'Workers', 'Sessions', 'Wall', 'Users', 'Products', 'Audit'],
      OPERATOR: ['Exams', 'Workers', 'Sessions', 'Wall'],
      USER: ['Store', 'My desktops'],
      CANDIDATE: ['Join'],
    };
    expect(links).toEqual(expected[role]);
  });

  it('says why on a wrong password (UNAUTHENTICATED) and stays on /login', async () => {
    const page = await ui.newPage();
    await page.goto(`${ui.url}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong username or password.');
    expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(path(page)).toBe('/login');
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
  });

  it('sends a garbage token to /login?next=<the page> and forgets it (UNAUTHENTICATED, no 401 on screen)', async () => {
    const page = await ui.newPage();
    allowPageErrors(page, /status of 401/);
    await ui.signIn(page, 'not-a-jwt.at-all', '/workers?state=x').catch(() => undefined);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(path(page)).toBe(`/login?next=${encodeURIComponent('/workers?state=x')}`);
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
    expect(await page.locator('body').textContent()).not.toMatch(/401|Unauthorized/i);
    await page.getByText('Your session ended').waitFor();
  });

  it('sends an expired token to /login?next=<the page>, then back there after signing in', async () => {
    const page = await ui.newPage();
    allowPageErrors(page, /status of 401/);
    const admin = await ui.account('ADMIN');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ username: 'admin', role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setIssuer('vdi-portal')
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(JWT_SECRET));
    await ui.signIn(page, expired, '/sessions').catch(() => undefined);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(path(page)).toBe(`/login?next=${encodeURIComponent('/sessions')}`);
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/sessions');
    await signOutButton(page).waitFor();
  });

  it('keeps a deep link across a reload, and shows "Page not found" with a way home for unknown paths', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/no/such/page?x=1');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(path(page)).toBe('/no/such/page?x=1');
    await signOutButton(page).waitFor();
    await page.getByRole('link', { name: 'Go to my home page' }).click();
    await page.waitForURL((u) => u.pathname === '/exams');
  });

  it('signs out: the token is gone and protected pages ask to sign in again', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'USER');
    await signOutButton(page).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
    await page.goto(`${ui.url}/my`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(path(page)).toBe(`/login?next=${encodeURIComponent('/my')}`);
  });

  it('switches the language to Tiếng Việt: labels and <html lang> follow, and the choice survives a reload', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'OPERATOR');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toContain('Kỳ thi');
    await page.reload();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    // The switcher keeps the English word, so someone lost in a language can find the way back.
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await signOutButton(page).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('takes the first language from the browser (vi-VN opens in Vietnamese)', async () => {
    const page = await ui.newPage({ locale: 'vi-VN' });
    await page.goto(`${ui.url}/login`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
  });

  it('shows "Reconnecting…" when the live connection drops and "Live" again once it is back', async () => {
    const page = await ui.newPage();
    const connection = await controlLiveConnection(page);
    await ui.signIn(page, 'ADMIN');
    const live = page.getByTestId('live-status');
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.textContent === 'Live');
    await connection.drop();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.textContent === 'Reconnecting…');
    expect(await live.getAttribute('data-status')).toBe('reconnecting');
    connection.restore();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.textContent === 'Live', undefined, { timeout: 20_000 });
  });

  it('passes axe (no serious or critical violations) on /login and the shell in English and Vietnamese, with screenshots', async () => {
    const page = await ui.newPage();
    for (const lang of ['en', 'vi'] as const) {
      await page.goto(`${ui.url}/login`);
      await setLanguage(page, lang);
      await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Đăng nhập' }).waitFor();
      await checkA11y(page);
      await screenshot(page, `login-${lang}`);
    }
    await setLanguage(page, 'en');
    await ui.signIn(page, 'ADMIN', '/exams');
    for (const lang of ['en', 'vi'] as const) {
      await setLanguage(page, lang);
      await page.getByRole('navigation', { name: lang === 'en' ? 'Main navigation' : 'Điều hướng chính' }).waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'connected');
      await checkA11y(page);
      await screenshot(page, `shell-admin-${lang}`);
    }
  });
});
