import { useEffect, useState } from 'react';

/**
 * How many of a view's heavy parts to show: 0 until `ready` (the view has
 * what it shows), then one more in each following task, up to `steps`. A view that would take one
 * long task to mount (a connection tab: the send box, then the log) mounts
 * in several short ones, and paints what matters first.
 *
 * Timers, not startTransition: the store (useSyncExternalStore) turns any
 * transition it sees change into one blocking render, and at a tab's
 * opening the store does change.
 */
export function useStagedMount(steps: number, ready: boolean): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (!ready || shown >= steps) return;
    const timer = setTimeout(() => setShown((n) => n + 1), 0);
    return () => clearTimeout(timer);
  }, [ready, shown, steps]);
  return shown;
}
