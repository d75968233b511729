import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EndpointWithPeers } from '../../src/shared/contract';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { createInMemoryApi, type InMemoryApi } from './in-memory-api';
import type { Scratch } from './scratch';

/**
 * The in-memory API (the real router and engine) with a data folder of its
 * own, and what the TLS and relay tests look at besides the calls.
 */
export interface Harness extends InMemoryApi {
  dataDir: string;
  /** The endpoint as the engine has it, with every peer listed. */
  info(endpointId: string): EndpointWithPeers;
  /** Every byte logged for an endpoint in one direction, concatenated. */
  logged(endpointId: string, dir: 'rx' | 'tx'): Buffer;
  /** Every notice delivered so far, as its English sentence (plain values). */
  notices: string[];
}

/** The real backend as the browser mode makes it, disposed after the test with the scratch's leftovers. */
export function scratchBackend(
  scratch: Pick<Scratch, 'later'>,
  options: Parameters<typeof createBackend>[1],
): Backend {
  const backend = createBackend({ version: 'test', mode: 'browser' }, options);
  scratch.later(() => backend.dispose());
  return backend;
}

/**
 * A harness of its own; given a test's scratch, it is closed after the test
 * with the scratch's other leftovers (after its peers are killed).
 */
export function startHarness(scratch?: Pick<Scratch, 'later'>): Harness {
  const harness = openHarness();
  scratch?.later(() => harness.close());
  return harness;
}

function openHarness(): Harness {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-data-'));
  const bridge = createInMemoryApi({ dataDir });
  const notices: string[] = [];
  bridge.api.onEvents((batch) => {
    for (const event of batch.events)
      if (event.type === 'notice') notices.push(englishOf(event.message));
  });
  return {
    ...bridge,
    dataDir,
    notices,
    info: (id) => bridge.backend.engine.get(id).withPeers(),
    logged: (id, dir) =>
      Buffer.concat(
        bridge.backend.engine.log
          .read(id, -1, 1_000_000)
          .filter((c) => c.dir === dir)
          .map((c) => Buffer.from(c.data)),
      ),
    async close() {
      await bridge.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
