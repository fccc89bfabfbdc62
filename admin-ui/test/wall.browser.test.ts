import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { heartbeat, registerWorker } from '../../server/test/harness.js';
import { allowPageErrors, checkA11y, controlLiveConnection, SCREENSHOT_DIR, setLanguage, TOKEN_KEY, useUi } from './ui-harness';

/** Short TTL and loop so a silent worker turns STALE within seconds. */
const ui = useUi({ WORKER_HEARTBEAT_TTL_SEC: '10', VDI_LOOP_INTERVAL_SEC: '1' });

const WORKERS = 100;
const HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
const STALE_CODE = 'wall-099';
const BEAT_CODE = 'wall-007';
const workers: { code: string; id: string; credential: string }[] = [];
let beating = false;
let examName = '';

/** Every worker but the two the tests drive themselves beats once (in parallel batches). */
async function beatAll(): Promise<void> {
  const live = workers.filter((w) => w.code !== STALE_CODE && w.code !== BEAT_CODE);
  for (let i = 0; i < live.length; i += 25) {
    await Promise.all(
      live
        .slice(i, i + 25)
        .map((w, j) => heartbeat(ui.t, w.credential, { usage: { cpuPercent: (i + j * 7) % 90, memoryUsedMb: 2048 + ((i + j) % 8) * 1024 } })),
    );
  }
}

/** A screenshot at the wall's own size (not the harness's 1440×900). */
async function wallShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** The wall for the signed-in ADMIN at `size`, with every tile drawn. */
async function openWall(page: Page, size = HD): Promise<void> {
  await page.setViewportSize(size);
  await ui.signIn(page, 'ADMIN', '/exams');
  await page.goto(`${ui.url}/wall`);
  await waitForTiles(page);
}

async function waitForTiles(page: Page): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="wall-tile"]').length === n, WORKERS, { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="wall-live"]')?.getAttribute('data-status') === 'connected');
}

/** Whether the page scrolls, and how many tiles lie (wholly) outside the viewport. */
async function fitReport(page: Page) {
  return page.evaluate(() => {
    const tiles = Array.from(document.querySelectorAll('[data-testid="wall-tile"]')).map((el) => el.getBoundingClientRect());
    const outside = tiles.filter((r) => r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.width < 20 || r.height < 20);
    return {
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      innerHeight,
      innerWidth,
      tiles: tiles.length,
      outside: outside.length,
      smallest: Math.min(...tiles.map((r) => r.height)),
    };
  });
}

const tile = (page: Page, code: string) => page.locator(`[data-testid="wall-tile"][data-worker-code="${code}"]`);

describe('the wall display in a real browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    for (let i = 0; i < WORKERS; i++) {
      const code = `wall-${String(i).padStart(3, '0')}`;
      workers.push({ code, ...(await registerWorker(ui.t, code)) });
    }
    await beatAll();
    // They keep beating every 4 s (well inside the 10 s TTL), one round after another, until the file ends.
    beating = true;
    void (async () => {
      while (beating) {
        await new Promise((r) => setTimeout(r, 4_000));
        if (beating) await beatAll().catch(() => undefined);
      }
    })();
    const product = await ui.t.ok<{ createProduct: { id: string } }>(
      `mutation { createProduct(input: { name: "Exam Linux", priceCoins: 0, provisionAction: TEST }) { id } }`,
      {},
      ui.t.adminToken,
    );
    const now = Date.now();
    const createExam = (code: string, name: string, startsAt: number, endsAt: number) =>
      ui.t.ok(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code,
            name,
            productId: product.createProduct.id,
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(endsAt).toISOString(),
            expectedCandidates: 30,
          },
        },
        ui.t.adminToken,
      );
    await createExam('MATH-AM', 'Mathematics (morning)', now - 10 * 60_000, now + 3 * 3_600_000);
    // Later today, unless today has less than 10 minutes left: then it shows as running too.
    const endOfDay = new Date(now).setHours(23, 59, 0, 0);
    const upcoming = Math.min(now + 40 * 60_000, endOfDay);
    examName = upcoming - now > 5 * 60_000 ? 'Physics (afternoon)' : 'Mathematics (morning)';
    await createExam('PHYS-PM', 'Physics (afternoon)', upcoming > now + 5 * 60_000 ? upcoming : now - 60_000, now + 5 * 3_600_000);
  }, 180_000);
  afterAll(() => {
    beating = false;
  });

  it('fits 100 workers on a 1920×1080 wall without scrolling, every tile visible, with totals and alerts', async () => {
    const page = await ui.newPage();
    await openWall(page);
    const fit = await fitReport(page);
    expect(fit).toMatchObject({ tiles: WORKERS, outside: 0, innerHeight: 1080 });
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.smallest).toBeGreaterThan(40);
    expect(await page.getByText('Total available sessions').isVisible()).toBe(true);
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.waitForFunction((code) => document.querySelector(`[data-worker-code="${code}"]`)?.getAttribute('data-state') === 'healthy', 'wall-001');
    expect(await tile(page, 'wall-001').getByText('Healthy').isVisible()).toBe(true);
    expect(await tile(page, 'wall-001').getByTestId('wall-tile-slots').textContent()).toBe('4/4');
    await checkA11y(page);
    await wallShot(page, 'wall-1080p');
  });

  it('fits 100 workers on a 3840×2160 wall without scrolling, every tile visible', async () => {
    const page = await ui.newPage();
    await openWall(page, UHD);
    const fit = await fitReport(page);
    expect(fit).toMatchObject({ tiles: WORKERS, outside: 0, innerHeight: 2160 });
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
    expect(fit.smallest).toBeGreaterThan(80);
    await wallShot(page, 'wall-4k');
  });

  it('moves a tile’s CPU figure when its worker beats, without a reload', async () => {
    const page = await ui.newPage();
    await openWall(page);
    const w = workers.find((x) => x.code === BEAT_CODE)!;
    const cpu = tile(page, BEAT_CODE).locator('.wall-bar[data-kind="cpu"] .wall-bar__value');
    await heartbeat(ui.t, w.credential, { usage: { cpuPercent: 12, memoryUsedMb: 1024 } });
    await page.waitForFunction(
      (code) => document.querySelector(`[data-worker-code="${code}"] .wall-bar[data-kind="cpu"] .wall-bar__value`)?.textContent === '12%',
      BEAT_CODE,
    );
    await heartbeat(ui.t, w.credential, { usage: { cpuPercent: 93.4, memoryUsedMb: 6144 } });
    await page.waitForFunction(
      (code) => document.querySelector(`[data-worker-code="${code}"] .wall-bar[data-kind="cpu"] .wall-bar__value`)?.textContent === '93%',
      BEAT_CODE,
    );
    expect(await cpu.textContent()).toBe('93%');
    expect(await tile(page, BEAT_CODE).locator('.wall-bar[data-kind="mem"] .wall-bar__value').textContent()).toBe('50%');
  });

  it('turns a silent worker’s tile red (Stale) and names it in the alert strip', async () => {
    const page = await ui.newPage();
    await openWall(page);
    const w = workers.find((x) => x.code === STALE_CODE)!;
    await heartbeat(ui.t, w.credential);
    await page.waitForFunction((code) => document.querySelector(`[data-worker-code="${code}"]`)?.getAttribute('data-state') === 'healthy', STALE_CODE, {
      timeout: 10_000,
    });
    expect(await page.getByTestId('wall-alerts').textContent()).not.toContain(STALE_CODE);
    await page.waitForFunction((code) => document.querySelector(`[data-worker-code="${code}"]`)?.getAttribute('data-state') === 'stale', STALE_CODE, {
      timeout: 25_000,
    });
    expect(await tile(page, STALE_CODE).getByText('Stale').isVisible()).toBe(true);
    const color = await tile(page, STALE_CODE).evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(color).toBe('rgb(248, 113, 113)');
    await page.getByTestId('wall-alert-stale').waitFor();
    expect(await page.getByTestId('wall-alert-stale').textContent()).toContain(STALE_CODE);
    const health = await ui.t.ok<{ workers: { code: string; health: string }[] }>('{ workers { code health } }', {}, ui.t.adminToken);
    expect(health.workers.find((x) => x.code === STALE_CODE)?.health).toBe('STALE');
  });

  it('shows each exam of today with its go / no-go and a ticking countdown', async () => {
    const page = await ui.newPage();
    await openWall(page);
    const card = page.getByTestId('wall-exam').filter({ hasText: examName });
    await card.waitFor();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="wall-exam-verdict"]')).every((v) => v.textContent === 'GO' || v.textContent === 'NO-GO'),
    );
    const countdown = card.getByTestId('wall-exam-countdown');
    const first = await countdown.textContent();
    expect(first).toMatch(examName.startsWith('Physics') ? /^Starts in\d+:\d\d(:\d\d)?$/ : /^Ends in\d+:\d\d(:\d\d)?$/);
    await page.waitForFunction(
      ([name, before]) =>
        Array.from(document.querySelectorAll('[data-testid="wall-exam"]'))
          .find((c) => c.textContent?.includes(name as string))
          ?.querySelector('[data-testid="wall-exam-countdown"]')?.textContent !== before,
      [examName, first],
    );
    expect(await page.getByTestId('wall-exam').count()).toBe(2);
  });

  it('says so in a big banner while disconnected, and recovers by itself', async () => {
    const page = await ui.newPage();
    const live = await controlLiveConnection(page);
    await openWall(page);
    await live.drop();
    await page.getByTestId('wall-disconnected').waitFor();
    expect(await page.getByTestId('wall-disconnected').textContent()).toContain('Disconnected');
    live.restore();
    await page.getByTestId('wall-disconnected').waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('shows the API error and a Retry when the wall cannot load, then loads on Retry', async () => {
    const page = await ui.newPage();
    allowPageErrors(page, /Failed to load resource|status of 503/);
    await page.setViewportSize(HD);
    await ui.signIn(page, 'ADMIN', '/exams');
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('WallPage_board')
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ errors: [{ message: 'Database unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
          })
        : route.fallback(),
    );
    await page.goto(`${ui.url}/wall`);
    await page.getByTestId('wall-error').waitFor();
    expect(await page.getByTestId('wall-error').textContent()).toContain('SERVICE_UNAVAILABLE');
    await page.unroute('**/graphql');
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForTiles(page);
  });

  it('reads well in Vietnamese (axe) with the state words translated', async () => {
    const page = await ui.newPage();
    await openWall(page);
    await setLanguage(page, 'vi');
    await waitForTiles(page);
    await page.getByText('Tổng số phiên còn trống').waitFor();
    expect(await tile(page, 'wall-001').getByText('Khỏe').isVisible()).toBe(true);
    await checkA11y(page);
    await wallShot(page, 'wall-vi');
  });

  it('lets an ADMIN create a wall link that opens the wall on a TV with no sign-in, refuses it any mutation, and cuts it off on revoke', async () => {
    const admin = await ui.newPage();
    await ui.signIn(admin, 'ADMIN', '/exams');
    await admin.goto(`${ui.url}/wall/links`);
    await admin.getByRole('heading', { name: 'Wall links', level: 1 }).waitFor();
    await admin.getByText('No wall links yet').waitFor();
    await admin.getByRole('button', { name: 'Create wall link' }).first().click();
    await admin.getByLabel('Name').fill('Hall A TV');
    await admin.getByRole('button', { name: 'Create', exact: true }).click();
    const address = admin.getByRole('textbox', { name: 'Wall address' });
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(new RegExp(`^${ui.url}/wall\\?key=vdiwall_`));
    await admin.getByRole('button', { name: 'Done' }).click();
    const row = admin.getByTestId('wall-link-row').filter({ hasText: 'Hall A TV' });
    await row.getByText('Active').waitFor();
    await admin.getByRole('dialog').waitFor({ state: 'detached' });
    await checkA11y(admin);
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, 'wall-links.png') });

    // A TV: a fresh browser with no one signed in.
    const tv = await ui.newPage();
    allowPageErrors(tv, /status of 401|WebSocket/);
    await tv.setViewportSize(HD);
    await tv.goto(url);
    await waitForTiles(tv);
    expect(new URL(tv.url()).search).toBe('');
    expect(await tv.evaluate((k) => localStorage.getItem(k), TOKEN_KEY)).toBeNull();
    const refused = await tv.evaluate(async (workerId) => {
      const key = sessionStorage.getItem('vdi.wall-key');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: 'mutation($id: ID!) { drainWorker(id: $id) { id drainStatus } }', variables: { id: workerId } }),
      });
      return (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, workers[0]!.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const drain = await ui.t.ok<{ workers: { code: string; drainStatus: string }[] }>('{ workers { code drainStatus } }', {}, ui.t.adminToken);
    expect(drain.workers.find((w) => w.code === workers[0]!.code)?.drainStatus).toBe('NONE');

    // Revoke, confirmed: the TV says so at once.
    await row.getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    const links = await ui.t.ok<{ wallLinks: { name: string; revokedAt: string | null }[] }>('{ wallLinks { name revokedAt } }', {}, ui.t.adminToken);
    expect(links.wallLinks.find((l) => l.name === 'Hall A TV')?.revokedAt).not.toBeNull();
    await tv.getByText('This wall link was revoked').waitFor({ timeout: 10_000 });
    expect(await tv.getByTestId('wall-tile').count()).toBe(0);

    // The key opens nothing else: another page in that tab asks for a sign-in.
    await tv.goto(`${ui.url}/workers`);
    await tv.waitForURL((u) => u.pathname === '/login');
  });

  it('shows "Not allowed" on /wall to a USER and sends nobody signed in to /login', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'USER', '/store');
    await page.goto(`${ui.url}/wall`);
    await page.getByText('403').waitFor();
    const anon = await ui.newPage();
    await anon.goto(`${ui.url}/wall`);
    await anon.waitForURL((u) => u.pathname === '/login');
    expect(new URL(anon.url()).searchParams.get('next')).toBe('/wall');
  });
});
