import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../test/harness.js';
import { launchBrowser } from '../../test/browser.js';
import { collectCspViolations } from '../../test/csp.js';

describe('GraphiQL in a real browser', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads from this server alone (no CDN) and runs the login mutation, with no CSP violation', async () => {
    const page = await browser.newPage();
    const violations = await collectCspViolations(page);
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(t.server.url)) foreign.push(r.url());
    });
    // GraphiQL fetches the schema first; the editor is settled once that answer is in.
    const schemaLoaded = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('IntrospectionQuery'), {
      timeout: 30_000,
    });
    await page.goto(`${t.server.url}/graphql`);
    await page.waitForSelector('.graphiql-container');
    await schemaLoaded;
    // Type the query as a person would: select all in the editor, then type over it.
    await page.click('.graphiql-query-editor .CodeMirror');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { user { role } } }`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(ADMIN_PASSWORD), { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    expect(await (await answered).json()).toEqual({ data: { login: { user: { role: 'ADMIN' } } } });
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('ADMIN'), undefined, { timeout: 30_000 });
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });
});
