import type { Chunk, EndpointSpecInput, WirebenchEvent } from '../../src/shared/contract';
import { endpointSpec } from '../../src/shared/contract';
import { Engine, type EngineOptions } from '../../src/main/engine/engine';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { eventually } from './peers';

/** An engine on real sockets with a sink that keeps everything it was told. */
export interface EngineHarness {
  engine: Engine;
  chunks: Chunk[];
  events: WirebenchEvent[];
  /** Opens a spec as a form would send it (defaults applied by the contract). */
  open(spec: EndpointSpecInput): ReturnType<Engine['open']>;
  rx(endpointId: string): Chunk[];
  tx(endpointId: string): Chunk[];
  waitForRx(endpointId: string, count: number, ms?: number): Promise<Chunk[]>;
  notices(endpointId: string): string[];
  dispose(): Promise<void>;
}

export function engineHarness(options: Omit<EngineOptions, 'sink'> = {}): EngineHarness {
  const chunks: Chunk[] = [];
  const events: WirebenchEvent[] = [];
  const engine = new Engine({
    ...options,
    sink: { chunk: (c) => chunks.push(c), changed: () => undefined, event: (e) => events.push(e) },
  });
  const rx = (id: string): Chunk[] => chunks.filter((c) => c.endpointId === id && c.dir === 'rx');
  return {
    engine,
    chunks,
    events,
    open: (spec) => engine.open(endpointSpec.parse(spec)),
    rx,
    tx: (id) => chunks.filter((c) => c.endpointId === id && c.dir === 'tx'),
    waitForRx: async (id, count, ms) => {
      await eventually(() => rx(id).length >= count, `${count} datagrams received by ${id}`, ms);
      return rx(id);
    },
    notices: (id) =>
      events.flatMap((e) =>
        e.type === 'notice' && e.endpointId === id ? [englishOf(e.message)] : [],
      ),
    dispose: () => engine.dispose(),
  };
}
