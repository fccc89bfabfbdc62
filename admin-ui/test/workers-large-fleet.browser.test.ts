import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { heartbeat, registerWorker } from '../../server/test/harness.js';
import { useUi } from './ui-harness';

const ui = useUi();

const FLEET = 200;
const code = (i: number) => `big-${String(i).padStart(3, '0')}`;
const row = (page: Page, c: string) => page.locator(`tr[data-worker="${c}"]`);
const mounted = (page: Page) => page.locator('tr[data-worker]').count();

/** Registers the fleet in parallel batches, each worker heartbeating once. */
async function registerFleet(): Promise<string[]> {
  const credentials: string[] = [];
  for (let i = 0; i < FLEET; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const w = await registerWorker(ui.t, code(i + j));
        await heartbeat(ui.t, w.credential, { usage: { cpuPercent: 10, memoryUsedMb: 2048 } });
        return w.credential;
      }),
    );
    credentials.push(...batch);
  }
  return credentials;
}

describe('/workers with a large fleet', () => {
  it('mounts only the rows on screen, reaches the last worker by scrolling with its live figures, and search still finds any worker', async () => {
    const credentials = await registerFleet();
    const page = await ui.newPage();
    await ui.signIn(page, 'ADMIN', '/workers');
    await row(page, code(0)).waitFor();
    await page.getByText(`${FLEET} of ${FLEET} workers`).waitFor();
    // A window of rows, not the fleet; the page is still as tall as every row.
    expect(await mounted(page)).toBeLessThan(FLEET / 2);
    expect(await row(page, code(FLEET - 1)).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(FLEET * 30);

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = row(page, code(FLEET - 1));
    await last.waitFor();
    expect(await row(page, code(0)).count()).toBe(0);
    expect(await mounted(page)).toBeLessThan(FLEET / 2);
    await last.locator('[data-testid="usage-sparkline"] canvas').waitFor();
    await heartbeat(ui.t, credentials[FLEET - 1]!, { usage: { cpuPercent: 66.6, memoryUsedMb: 2048 } });
    await last.getByText('66.6 %').waitFor({ timeout: 5_000 });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('textbox', { name: 'Search' }).fill('big-15');
    await row(page, code(159)).waitFor();
    await page.getByText(`10 of ${FLEET} workers`).waitFor();
    expect(await mounted(page)).toBe(10);
  });
});
