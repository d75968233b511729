import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../src/main/core/backend';
import type { EndpointInfo, OperationName, RequestOf, ResultOf } from '../../src/shared/contract';

/** The real backend (router + engine) driven the way a window drives it. */
export interface Harness {
  backend: Backend;
  dataDir: string;
  call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResultOf<K>>;
  /** The failure sentence of a call that must fail. */
  failure(op: OperationName, request: unknown): Promise<string>;
  info(endpointId: string): EndpointInfo;
  /** Every byte logged for an endpoint in one direction, concatenated. */
  logged(endpointId: string, dir: 'rx' | 'tx'): Buffer;
  notices: string[];
  dispose(): Promise<void>;
}

export function startHarness(): Harness {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-data-'));
  const backend = createBackend({ version: 'test', mode: 'browser' }, { dataDir });
  const notices: string[] = [];
  const sub = backend.router.subscribe((batch) => {
    for (const event of batch.events) if (event.type === 'notice') notices.push(event.message);
    sub.ack(batch.seq);
  });
  return {
    backend,
    dataDir,
    notices,
    async call(op, request) {
      const result = await backend.router.handle(op, request);
      if (!result.ok) throw new Error(`${op} failed: ${result.error.message}`);
      return result.value as never;
    },
    async failure(op, request) {
      const result = await backend.router.handle(op, request);
      if (result.ok) throw new Error(`${op} succeeded but should have failed`);
      return result.error.message;
    },
    info: (id) => backend.engine.get(id).info(),
    logged: (id, dir) =>
      Buffer.concat(
        backend.engine.log
          .read(id, -1, 1_000_000)
          .filter((c) => c.dir === dir)
          .map((c) => Buffer.from(c.data)),
      ),
    async dispose() {
      sub.dispose();
      await backend.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
