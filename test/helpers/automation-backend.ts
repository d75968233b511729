import { afterEach, beforeEach } from 'vitest';
import type { WirebenchApi } from '../../src/shared/contract/api';
import type { RequestOf } from '../../src/shared/contract';
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

/**
 * Auto-reply on `endpointId` with these rules, in UTF-8, on raw chunks
 * unless `framing` says otherwise: the request as the window makes it.
 */
export function autoReply(
  api: Pick<WirebenchApi, 'setAutoReply'>,
  endpointId: string,
  rules: unknown[],
  framing: RequestOf<'setAutoReply'>['framing'] = { mode: 'raw' },
  enabled = true,
) {
  return api.setAutoReply({
    endpointId,
    enabled,
    rules: rules as never,
    framing,
    encoding: 'utf-8',
  });
}
