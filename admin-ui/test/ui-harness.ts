import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser } from '../../server/test/browser.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Where `screenshot()` writes (git-ignored). */
export const SCREENSHOT_DIR = path.join(here, 'screenshots');
/** The viewport every page opens with, and screenshots are taken at. */
export const VIEWPORT = { width: 1440, height: 900 };
/** Where the SPA keeps the token and the language choice (admin-ui/src/modules/auth/session-token.ts, i18n/i18n.ts). */
export const TOKEN_KEY = 'vdi.token';
export const LANGUAGE_KEY = 'vdi.language';

export type UiRole = 'ADMIN' | 'OPERATOR' | 'USER' | 'CANDIDATE';
const ROLES: readonly string[] = ['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'];

/** A person the harness can sign in as. */
export interface UiAccount {
  id: string;
  username: string;
  password: string;
  role: UiRole;
  token: string;
}

/** What went wrong in a page: console errors, CSP violations and uncaught exceptions. */
interface PageWatch {
  problems: string[];
  allowed: RegExp[];
}
const watches = new WeakMap<Page, PageWatch>();

/** A real control plane with the built SPA, and a real Chromium to drive it. */
export interface UiHarness {
  t: TestServer;
  browser: Browser;
  /** The server's base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** A fresh browser context (own storage) at 1440×900, English unless `locale` says otherwise; watched for errors. */
  newPage(options?: { locale?: string }): Promise<Page>;
  /** A person with this role (made once per harness; ADMIN is the first admin). */
  account(role: UiRole): Promise<UiAccount>;
  /**
   * Signs `page` in as a role (the first time per role through the real login form, afterwards by
   * setting the token) or with a raw token, then opens `path` (default `/`).
   */
  signIn(page: Page, who: UiRole | string, path?: string): Promise<UiAccount | null>;
  /** Closes the test's pages and fails when one saw an error it did not allow. */
  finishPages(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server (settings in `env`) and Chromium. `useUi` does it inside Vitest hooks. */
export async function startUi(env: Record<string, string> = {}): Promise<UiHarness> {
  const t = await startTestServer(env);
  const browser = await launchBrowser();
  const url = t.server.url;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const accounts = new Map<UiRole, Promise<UiAccount>>();
  const formUsed = new Set<UiRole>();

  const account = (role: UiRole): Promise<UiAccount> => {
    let a = accounts.get(role);
    if (!a) {
      a = makeAccount(t, role);
      accounts.set(role, a);
    }
    return a;
  };

  return {
    t,
    browser,
    url,
    account,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: options.locale ?? 'en-US', baseURL: url });
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page);
      pages.push(page);
      return page;
    },
    async signIn(page, who, to = '/') {
      if (!ROLES.includes(who)) {
        await setToken(page, url, who);
        await page.goto(`${url}${to}`);
        return null;
      }
      const role = who as UiRole;
      const a = await account(role);
      if (formUsed.has(role)) {
        await setToken(page, url, a.token);
        await page.goto(`${url}${to}`);
      } else {
        formUsed.add(role);
        await signInWithForm(page, url, a.username, a.password, to);
        a.token = (await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)) ?? a.token;
      }
      await page
        .getByRole('button', { name: /Sign out|Đăng xuất/ })
        .or(page.getByTestId('viewer-status'))
        .first()
        .waitFor();
      return a;
    },
    async finishPages() {
      const problems = pages.flatMap((p) => watches.get(p)?.problems ?? []);
      pages.length = 0;
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      if (problems.length > 0) throw new Error(`The page reported errors:\n${problems.join('\n')}`);
    },
    async close() {
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await t.close();
    },
  };
}

/**
 * A harness for one test file: the server and browser start before its tests and stop after;
 * after each test its pages close, and the test fails if a page logged an error it did not allow.
 */
export function useUi(env: Record<string, string> = {}): UiHarness {
  const holder = {} as { ui: UiHarness };
  beforeAll(async () => {
    holder.ui = await startUi(env);
  });
  afterEach(async () => {
    await holder.ui?.finishPages();
  });
  afterAll(async () => {
    await holder.ui?.close();
  });
  return new Proxy({} as UiHarness, {
    get: (_target, prop) => {
      if (!holder.ui) throw new Error('The UI harness starts in beforeAll: use it inside tests or hooks');
      return holder.ui[prop as keyof UiHarness];
    },
  });
}

async function makeAccount(t: TestServer, role: UiRole): Promise<UiAccount> {
  if (role === 'ADMIN') {
    const me = await t.ok<{ me: { id: string } }>('{ me { id } }', {}, t.adminToken);
    return { id: me.me.id, username: 'admin', password: ADMIN_PASSWORD, role, token: t.adminToken };
  }
  const username = `${role.toLowerCase()}-ui`;
  const password = `pw-${username}-secret`;
  const created = await t.ok<{ createUser: { id: string } }>(
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { username, password, role } },
    t.adminToken,
  );
  const login = await t.ok<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: password,
  });
  return { id: created.createUser.id, username, password, role, token: login.login.token };
}

/** Signs in through `/login` as a person does, and waits to leave it. */
export async function signInWithForm(page: Page, url: string, username: string, password: string, next = '/'): Promise<void> {
  await page.goto(`${url}/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel(/^(Username|Tên đăng nhập)/).fill(username);
  await page.getByLabel(/^(Password|Mật khẩu)/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click();
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 15_000 });
}

/** Puts a token where the SPA keeps it (a same-origin page must be open to reach its storage). */
async function setToken(page: Page, url: string, token: string): Promise<void> {
  if (!page.url().startsWith(url)) await page.goto(`${url}/healthz`);
  await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [TOKEN_KEY, token]);
}

/** Chooses the SPA's language the way a returning person has it (remembered), and reloads. */
export async function setLanguage(page: Page, lang: 'en' | 'vi'): Promise<void> {
  await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [LANGUAGE_KEY, lang]);
  await page.reload();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** A 1440×900 PNG of the page in `admin-ui/test/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.setViewportSize(VIEWPORT);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}

/**
 * Runs axe-core in the page and fails on serious or critical violations, listing each rule, its
 * help text and the elements. (The script is evaluated, not added as a tag, so the server's
 * Content-Security-Policy needs no exception.)
 */
export async function checkA11y(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  // Contrast is judged on the settled page: a dialog or toast still fading in reads as low contrast.
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => {});
  // A toast fades in through inline opacity (Mantine's transition), which no animation list shows: wait until each is opaque.
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.mantine-Notification-root')).every((n) => {
          let opacity = 1;
          for (let e: Element | null = n; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
          return opacity > 0.99;
        }),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run({ exclude: exclude.map((s) => [s]) }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, options.exclude ?? []);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0)
    throw new Error(
      `Accessibility violations on ${page.url()}:\n${serious.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n')}`,
    );
}

/** Lets `page` log errors matching `pattern` (a test that provokes a 401 on purpose, say). */
export function allowPageErrors(page: Page, pattern: RegExp): void {
  watches.get(page)?.allowed.push(pattern);
}

/** The errors `page` has logged so far that were not allowed. */
export function pageProblems(page: Page): string[] {
  return [...(watches.get(page)?.problems ?? [])];
}

/** Collects console errors, CSP violations and uncaught exceptions. */
function watchPage(page: Page): void {
  const watch: PageWatch = { problems: [], allowed: [] };
  watches.set(page, watch);
  const report = (what: string) => {
    if (!watch.allowed.some((p) => p.test(what))) watch.problems.push(`${page.url()}: ${what}`);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') report(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => report(`uncaught ${e.name}: ${e.message} ${e.stack ?? ''} ${String(e)}`));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
}

/**
 * Puts the page's live connection (graphql-ws on /graphql) under the test's hand, before the page
 * opens it: `drop()` closes it as a restarting server would and refuses new ones, `restore()` lets
 * the page's retries through again. WebSocket errors on the page are expected meanwhile.
 */
export async function controlLiveConnection(page: Page): Promise<{ drop(): Promise<void>; restore(): void }> {
  allowPageErrors(page, /WebSocket/);
  let blocked = false;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    if (blocked) return void ws.close({ code: 1013, reason: 'Try Again Later' });
    ws.connectToServer();
    open.push(ws);
  });
  return {
    async drop() {
      blocked = true;
      for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'Service Restart' });
    },
    restore() {
      blocked = false;
    },
  };
}
