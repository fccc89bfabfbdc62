import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocket } from 'playwright-core';
import { ADMIN_PASSWORD, heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';
import { launchBrowser } from '../../test/browser.js';
import { collectCspViolations } from '../../test/csp.js';

/** Types over everything in a GraphiQL editor. */
async function typeInto(page: Page, editor: string, text: string): Promise<void> {
  await page.click(`${editor} .CodeMirror`);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('the web app and GraphiQL under the Content-Security-Policy, in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // The web app is built into admin-ui/dist by the test setup (server/test/admin-ui-build.ts).
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves /login under the policy; signing in works with no violation reported', async () => {
    const page = await browser.newPage();
    const violations = await collectCspViolations(page);
    const response = await page.goto(`${t.server.url}/login`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.fill('input[autocomplete="username"]', 'admin');
    await page.fill('input[autocomplete="current-password"]', ADMIN_PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('LoginPage_login'), {
      timeout: 30_000,
    });
    await page.click('button[type="submit"]');
    expect((await (await answered).json()).data.login.user.role).toBe('ADMIN');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('runs GraphiQL under the policy: a query over HTTP, then subscription { workerUpdated } over graphql-ws shows an event', async () => {
    const page = await browser.newPage();
    const violations = await collectCspViolations(page);
    const schemaLoaded = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('IntrospectionQuery'), {
      timeout: 30_000,
    });
    await page.goto(`${t.server.url}/graphql`);
    await page.waitForSelector('.graphiql-container');
    await schemaLoaded;
    // The Headers tab is open by default (defaultEditorToolsVisibility).
    await typeInto(
      page,
      '.graphiql-editor-tool [aria-label="Headers"], .graphiql-editor-tool .graphiql-editor:not(.hidden)',
      JSON.stringify({ Authorization: `Bearer ${t.adminToken}` }),
    );
    await typeInto(page, '.graphiql-query-editor', 'query { me { username } }');
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('"admin"'), undefined, { timeout: 30_000 });

    await typeInto(page, '.graphiql-query-editor', 'subscription { workerUpdated { id code } }');
    // GraphiQL picks the transport from the document it parsed, which follows typing after a
    // pause: on a busy machine the first click may still send the previous query over HTTP.
    let ws: WebSocket | undefined;
    for (let attempt = 0; !ws && attempt < 5; attempt++) {
      await new Promise((r) => setTimeout(r, 1000));
      const socket = page.waitForEvent('websocket', { timeout: 5_000 }).catch(() => undefined);
      await page.click('.graphiql-execute-button');
      ws = await socket;
    }
    if (!ws) throw new Error('GraphiQL never opened a WebSocket for the subscription');
    // Workers join until one shows in the response pane: the subscription may still be starting.
    const seen: string[] = [];
    const shown = () => page.evaluate(() => document.querySelector('.graphiql-response')?.textContent ?? '');
    for (let n = 0; n < 20 && !seen.some((text) => /"code": "graphiql-w-\d+"/.test(text)); n++) {
      const w = await registerWorker(t, `graphiql-w-${n}`);
      await heartbeat(t, w.credential);
      await new Promise((r) => setTimeout(r, 1000));
      seen.push(await shown());
    }
    expect(await shown()).toMatch(/"workerUpdated"[\s\S]*"code": "graphiql-w-\d+"/);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('reports a violation when a page breaks the policy (an inline script), so the checks above can fail', async () => {
    const page = await browser.newPage();
    const violations = await collectCspViolations(page);
    await page.goto(`${t.server.url}/healthz`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.ranInline = true';
      document.body.append(script);
    });
    await page.waitForFunction(() => true);
    await new Promise((r) => setTimeout(r, 200));
    expect(await page.evaluate(() => (window as unknown as { ranInline?: boolean }).ranInline)).toBeUndefined();
    expect(violations.some((v) => v.directive === 'script-src-elem' || /script-src/.test(v.blocked))).toBe(true);
    await page.close();
  });
});
