import { useEffect, useRef } from 'react';
import { useLiveStatus } from './use-live-status';

/**
 * Calls `catchUp` each time the live connection comes back after being lost: the events sent
 * meanwhile were missed, so the page reads its data once again.
 */
export function useCatchUpOnReconnect(catchUp: () => unknown): void {
  const status = useLiveStatus();
  const wasLive = useRef(status === 'connected');
  const latest = useRef(catchUp);
  latest.current = catchUp;
  useEffect(() => {
    if (status === 'connected' && !wasLive.current) void latest.current();
    wasLive.current = status === 'connected';
  }, [status]);
}
