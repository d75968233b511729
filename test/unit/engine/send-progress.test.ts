import { describe, expect, it } from 'vitest';
import type { EngineSink } from '../../../src/main/engine/endpoint';
import { RunningSends } from '../../../src/main/engine/running-sends';
import { SendProgress } from '../../../src/main/engine/send-progress';
import type { EventOf } from '../../../src/shared/contract';
import { rejectedEnglish } from '../../helpers/english';

function recorder() {
  const events: Array<EventOf<'send-progress'>> = [];
  const sink: EngineSink = {
    chunk: () => undefined,
    changed: () => undefined,
    event: (e) => {
      if (e.type === 'send-progress') events.push(e);
    },
  };
  return { sink, events };
}

const SLICE = 256 * 1024;
const MiB = 1024 * 1024;

describe('SendProgress', () => {
  it('reports every 256 KiB of an 8 MiB send, then once when done', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', 8 * MiB, sink);
    for (let i = 0; i < 32; i++) p.wrote(SLICE);
    p.finish(8 * MiB);
    expect(events.filter((e) => !e.done).map((e) => e.sent)).toEqual(
      Array.from({ length: 31 }, (_, i) => (i + 1) * SLICE),
    );
    expect(events.at(-1)).toEqual({
      type: 'send-progress',
      endpointId: 'e1',
      sendId: 's1',
      sent: 8 * MiB,
      total: 8 * MiB,
      done: true,
    });
  });

  it('keeps a 64 MiB send to about 64 updates', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', 64 * MiB, sink);
    for (let i = 0; i < 256; i++) p.wrote(SLICE);
    p.finish(64 * MiB);
    expect(events.length).toBe(64); // 63 on the way (every 1 MiB) and the last
  });

  it('counts a send to all peers once per peer', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', MiB, sink);
    p.expectPeers(3);
    for (let i = 0; i < 12; i++) p.wrote(SLICE);
    p.finish(3 * MiB);
    expect(events[0]?.total).toBe(3 * MiB);
    expect(events.at(-1)).toMatchObject({ sent: 3 * MiB, total: 3 * MiB, done: true });
  });

  it('ends with done when the send fails part way, showing how far it got', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', 4 * MiB, sink);
    p.wrote(SLICE);
    p.wrote(SLICE);
    p.finish(null);
    expect(events.at(-1)).toMatchObject({ sent: 2 * SLICE, total: 4 * MiB, done: true });
  });

  it('says nothing on the way for a small send', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', 8, sink);
    p.wrote(8);
    p.finish(8);
    expect(events).toHaveLength(1);
    expect(events[0]?.done).toBe(true);
  });

  it('ends a cancelled send at what went, of the whole, and ignores a slice that lands later', () => {
    const { sink, events } = recorder();
    const p = new SendProgress('e1', 's1', 4 * MiB, sink);
    p.wrote(SLICE);
    p.wrote(SLICE);
    p.cancelled(2 * SLICE);
    p.wrote(SLICE); // the slice the socket held, written once the peer read again
    expect(events.map((e) => e.done)).toEqual([false, false, true]);
    expect(events.at(-1)).toMatchObject({ sent: 2 * SLICE, total: 4 * MiB, done: true });
  });
});

describe('RunningSends', () => {
  it('cancels a running send by id, refuses a second send with the same id, and forgets ended ones', async () => {
    const sends = new RunningSends();
    let release: () => void = () => undefined;
    const running = sends.run('s1', (signal) => {
      const stopped = new Promise<string>((resolve) =>
        signal.addEventListener('abort', () => resolve('cancelled')),
      );
      const ended = new Promise<string>((resolve) => (release = () => resolve('ended')));
      return Promise.race([stopped, ended]);
    });
    expect(await rejectedEnglish(sends.run('s1', async () => 'again'))).toBe(
      'A send with the id s1 is already running',
    );
    expect(sends.cancel('s1')).toBe(true);
    expect(await running).toBe('cancelled');
    expect(sends.cancel('s1')).toBe(false);
    const other = sends.run(
      's2',
      () => new Promise<string>((resolve) => (release = () => resolve('ended'))),
    );
    release();
    expect(await other).toBe('ended');
    expect(sends.cancel('s2')).toBe(false);
  });
});
