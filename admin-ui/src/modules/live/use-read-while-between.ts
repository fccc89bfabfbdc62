import { useEffect } from 'react';

/** States a worker is about to move a session out of. */
export const IN_BETWEEN_STATES: ReadonlySet<string> = new Set(['PENDING', 'PROVISIONING', 'STOPPING']);
/** How often a page reads sessions that are between states, beside its subscription. */
const CATCH_UP_MS = 5_000;

/**
 * Reads again every 5 s while `between` (a session on the page is between states): a change
 * published while the page's subscription was still being set up would otherwise leave
 * "Stopping" on screen for good.
 */
export function useReadWhileBetween(between: boolean, read: () => Promise<unknown>): void {
  useEffect(() => {
    if (!between) return;
    const timer = setInterval(() => void read().catch(() => undefined), CATCH_UP_MS);
    return () => clearInterval(timer);
  }, [between, read]);
}
