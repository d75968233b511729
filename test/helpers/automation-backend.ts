import { afterEach, beforeEach } from 'vitest';
import { watchEvents } from './automation-events';
import { startHarness, type Harness } from './backend-harness';
import type { PeerProcess } from './peers';

/**
 * Automation tests through the real backend: a fresh harness and an event
 * watcher for each test, and the peers a test starts killed after it.
 */
export function useAutomationBackend(): {
  readonly h: Harness;
  readonly watch: ReturnType<typeof watchEvents>;
  peers: PeerProcess[];
} {
  let h: Harness | null = null;
  let watch: ReturnType<typeof watchEvents> | null = null;
  const peers: PeerProcess[] = [];
  beforeEach(() => {
    h = startHarness();
    watch = watchEvents(h.backend);
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.kill();
    watch?.dispose();
    await h?.close();
  });
  return {
    get h() {
      if (!h) throw new Error('the harness exists only inside a test');
      return h;
    },
    get watch() {
      if (!watch) throw new Error('the watcher exists only inside a test');
      return watch;
    },
    peers,
  };
}

/** A text payload spec. */
export const text = (source: string) => ({ mode: 'text' as const, source });
