import { expect } from 'vitest';
import type { UiHarness, UiRole } from './ui-harness';

const ROLES: UiRole[] = ['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'];

/** A GraphQL operation the page's API refuses to everyone outside the allowed roles. */
export interface GuardedOperation {
  query: string;
  /** Variables, given the signed-in person's id (some operations name the caller). */
  variables?: (personId: string) => Record<string, unknown>;
}

/**
 * Opens `path` as every role outside `allowed` ("Not allowed", with the shell around it) and as
 * nobody (sent to `/login?next=<path>`). With `api`, the same people are refused the operation
 * behind the page too: FORBIDDEN for each role, UNAUTHENTICATED without a token.
 */
export async function expectOnlyFor(ui: UiHarness, path: string, allowed: UiRole[], api?: GuardedOperation): Promise<void> {
  for (const role of ROLES.filter((r) => !allowed.includes(r))) {
    const page = await ui.newPage();
    const who = await ui.signIn(page, role, path);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    if (api && who) {
      const r = await ui.t.gql(api.query, api.variables?.(who.id) ?? {}, who.token);
      expect(r.errors?.[0]?.extensions?.code, `${role} calling ${api.query}`).toBe('FORBIDDEN');
    }
  }
  const nobody = await ui.newPage();
  await nobody.goto(`${ui.url}${path}`);
  await nobody.waitForURL((u) => u.pathname === '/login');
  expect(new URL(nobody.url()).search).toBe(`?next=${encodeURIComponent(path)}`);
  if (api) {
    const r = await ui.t.gql(api.query, api.variables?.('00000000-0000-0000-0000-000000000000') ?? {});
    expect(r.errors?.[0]?.extensions?.code, `nobody calling ${api.query}`).toBe('UNAUTHENTICATED');
  }
}
