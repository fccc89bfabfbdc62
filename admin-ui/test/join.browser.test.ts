import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { allowPageErrors, checkA11y, screenshot, setLanguage, useUi } from './ui-harness';
import { startSimWorker, type SimWorker } from './simulated-worker';
import { expectOnlyFor } from './route-roles';

const ui = useUi();
let worker: SimWorker;
let productId = '';
const HOUR = 3_600_000;

async function createExam(code: string, startsAt: number, endsAt: number, roster: string[]): Promise<string> {
  const r = await ui.t.ok<{ createExam: { id: string } }>(
    'mutation($i: ExamInput!) { createExam(input: $i) { id } }',
    {
      i: { code, name: `Exam ${code}`, productId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), expectedCandidates: 10 },
    },
    ui.t.adminToken,
  );
  const id = r.createExam.id;
  if (roster.length)
    await ui.t.ok('mutation($e: ID!, $c: String!) { importRoster(examId: $e, csv: $c) { added } }', { e: id, c: roster.join('\n') }, ui.t.adminToken);
  return id;
}

async function joinWith(page: Page, code: string) {
  await page.getByLabel('Exam code').fill(code);
  await page.getByRole('button', { name: 'Join' }).click();
}

/** The candidate's desktops in this exam, as the server has them. */
async function seats(token: string | undefined): Promise<{ id: string; state: string }[]> {
  return (await ui.t.ok<{ mySessions: { id: string; state: string }[] }>('{ mySessions { id state } }', {}, token)).mySessions;
}

describe('/join: the candidate joins an exam in a real browser, with a simulated worker', () => {
  it('asks for the exam code, passes axe in English and Vietnamese', async () => {
    worker = await startSimWorker(ui.t, 'join-w1', 2);
    productId = (
      await ui.t.ok<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { name: "Exam kiosk", priceCoins: 0, provisionAction: LINUX }) { id } }',
        {},
        ui.t.adminToken,
      )
    ).createProduct.id;
    const candidate = await ui.account('CANDIDATE');
    await createExam('MATH-0930', Date.now() - HOUR, Date.now() + 2 * HOUR, [candidate.username]);
    await createExam('HIST-1400', Date.now() - 3 * HOUR, Date.now() - HOUR, [candidate.username]);
    await createExam('CHEM-1100', Date.now() - HOUR, Date.now() + HOUR, []);
    const page = await ui.newPage();
    await ui.signIn(page, 'CANDIDATE', '/join');
    await page.getByLabel('Exam code').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'connected');
    await checkA11y(page);
    await screenshot(page, 'join');
    await setLanguage(page, 'vi');
    await page.getByLabel('Mã kỳ thi').waitFor();
    await checkA11y(page);
    await screenshot(page, 'join-vi');
    await setLanguage(page, 'en');
  });

  it('refuses a closed exam with EXAM_CLOSED and an exam off the roster with FORBIDDEN, saying why', async () => {
    const page = await ui.newPage();
    const me = await ui.signIn(page, 'CANDIDATE', '/join');
    await joinWith(page, 'HIST-1400');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('EXAM_CLOSED');
    expect(await alert.textContent()).toContain('This exam is closed');
    await joinWith(page, 'CHEM-1100');
    await page.waitForFunction(() => document.querySelector('[role="alert"]')?.getAttribute('data-code') === 'FORBIDDEN');
    expect(await alert.textContent()).toContain("You are not on this exam's list");
    expect(await seats(me?.token)).toEqual([]);
  });

  it('shows the wait while the desktop starts, then the desktop full screen for that session; a reload returns to the same one', async () => {
    const page = await ui.newPage();
    // The simulated worker serves no screen: the viewer's stream is refused, and it says so.
    allowPageErrors(page, /WebSocket|Failed when connecting|Connection closed|desktop/i);
    // What the page asks and opens: the viewer's tickets it was given (the READY push's, a join's
    // answer's), its desktopAccess requests, and the viewer WebSockets it opens, in order.
    const given = new Set<string>();
    const asked: string[] = [];
    const ticketIn = (text: string) => /"desktop":\{"url":"([^"]+)"/.exec(text)?.[1];
    page.on('request', (r) => /desktopAccess/.test(r.postData() ?? '') && asked.push('desktopAccess'));
    page.on('response', async (r) => {
      if (!/joinExam/.test(r.request().postData() ?? '')) return;
      const url = ticketIn(await r.text().catch(() => ''));
      if (url) given.add(url);
    });
    page.on('websocket', (w) => {
      const url = new URL(w.url());
      if (url.pathname.startsWith('/desktop/')) asked.push(`viewer ${url.pathname}${url.search}`);
      else
        w.on('framereceived', (f) => {
          const ticket = ticketIn(String(f.payload));
          if (ticket) given.add(ticket);
        });
    });
    const me = await ui.signIn(page, 'CANDIDATE', '/join');
    await joinWith(page, 'MATH-0930');
    await page.waitForFunction(() =>
      ['PENDING', 'PROVISIONING'].includes(document.querySelector('[data-testid="join-wait"]')?.getAttribute('data-state') ?? ''),
    );
    const [seat] = await seats(me?.token);
    const id = seat?.id ?? '';
    expect(id).not.toBe('');
    const create = await worker.next('CREATE_SESSION', id);
    await worker.report(id, 'PROVISIONING', { workerRoute: 'quack_join0001' });
    await page.waitForFunction(() => document.querySelector('[data-testid="join-wait"]')?.getAttribute('data-state') === 'PROVISIONING');
    expect(await page.getByRole('status').filter({ hasText: 'Your desktop is starting' }).count()).toBe(1);
    await checkA11y(page);
    await screenshot(page, 'join-wait');

    await worker.report(id, 'READY', { connection: { protocol: 'vnc', host: '127.0.0.1', port: 5901, password: 'vnc-sim-pw' } });
    await worker.complete(create.id, true);
    const desktop = page.getByTestId('join-desktop');
    await desktop.waitFor();
    expect(await desktop.getAttribute('data-session-id')).toBe(id);
    await page.waitForFunction(() =>
      ['requesting', 'connecting', 'failed', 'disconnected'].includes(
        document.querySelector('[data-testid="viewer-status"]')?.getAttribute('data-status') ?? '',
      ),
    );
    expect(await page.locator('[data-vnc-status], [data-testid="viewer-status"]').count()).toBeGreaterThan(0);
    // The READY push carried the viewer's ticket: the viewer opened with it, with no desktopAccess request first.
    await expect.poll(() => asked[0], { timeout: 15_000 }).toMatch(/^viewer /);
    await expect.poll(() => given.has(asked[0]!.slice('viewer '.length)), { timeout: 15_000 }).toBe(true);

    given.clear();
    asked.length = 0;
    await page.reload();
    await page.getByTestId('join-desktop').waitFor();
    // Joined again after the reload: the join's answer carried a fresh ticket, and the viewer opened with that one
    // (the page before the reload may still have opened one more with a ticket of its own meanwhile).
    await expect.poll(() => [...given].some((ticket) => asked.includes(`viewer ${ticket}`)), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('join-desktop').getAttribute('data-session-id')).toBe(id);
    const after = await seats(me?.token);
    expect(after).toEqual([{ id, state: 'READY' }]);
  });

  it('is for CANDIDATE only: ADMIN, OPERATOR and USER see "Not allowed", nobody is asked to sign in', async () => {
    await expectOnlyFor(ui, '/join', ['CANDIDATE']);
    worker.stop();
  });
});
