import { expect } from 'vitest';
import type { UiHarness, UiRole } from './ui-harness';

const ROLES: UiRole[] = ['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'];

/**
 * Opens `path` as every role outside `allowed` ("Not allowed", with the shell around it) and as
 * nobody (sent to `/login?next=<path>`).
 */
export async function expectOnlyFor(ui: UiHarness, path: string, allowed: UiRole[]): Promise<void> {
  for (const role of ROLES.filter((r) => !allowed.includes(r))) {
    const page = await ui.newPage();
    await ui.signIn(page, role, path);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
  }
  const nobody = await ui.newPage();
  await nobody.goto(`${ui.url}${path}`);
  await nobody.waitForURL((u) => u.pathname === '/login');
  expect(new URL(nobody.url()).search).toBe(`?next=${encodeURIComponent(path)}`);
}
