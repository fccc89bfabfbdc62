import type { Page } from 'playwright-core';
import { allowPageErrors } from './ui-harness';

/** A GraphQL operation made to fail until {@link FailedOperation.heal} is called. */
export interface FailedOperation {
  heal(): void;
}

/**
 * Answers every request of one GraphQL operation (by `operationName`) with DATABASE_UNAVAILABLE
 * and HTTP `status` until healed; every other request goes on as usual. A non-200 status is a
 * console error the page is allowed to log.
 */
export async function failOperation(page: Page, operationName: string, status = 200): Promise<FailedOperation> {
  let failing = true;
  if (status !== 200) allowPageErrors(page, new RegExp(`status of ${status}`));
  await page.route('**/graphql', (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (!failing || body?.operationName !== operationName) return route.fallback();
    return route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'The database cannot be reached right now', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
    });
  });
  return { heal: () => (failing = false) };
}

/** Waits until the page shows the failed load's code, heals the API and presses the page's Retry button (`retry`, in the page's language). */
export async function retryAfterFailure(page: Page, failure: FailedOperation, retry = 'Retry'): Promise<void> {
  await page.getByTestId('error-code').filter({ hasText: 'DATABASE_UNAVAILABLE' }).waitFor();
  failure.heal();
  await page.getByRole('button', { name: retry }).click();
}
