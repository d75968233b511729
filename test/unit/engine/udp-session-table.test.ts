import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UdpSession } from '../../../src/main/engine/relay/udp-relay-session';
import { UdpSessionTable } from '../../../src/main/engine/relay/udp-session-table';

/** The UDP relay's sessions: least recently active first, idle ones ended by one timer. */
let expired: string[];
let table: UdpSessionTable;
const session = (name: string): UdpSession =>
  ({ key: name, peer: { id: `p-${name}` }, lastActive: Date.now() }) as unknown as UdpSession;

beforeEach(() => {
  vi.useFakeTimers();
  expired = [];
  table = new UdpSessionTable(
    1000,
    (s) => {
      expired.push(s.key);
      table.remove(s);
    },
    () => Date.now(),
  );
});
afterEach(() => {
  table.clear();
  vi.useRealTimers();
});

describe('UdpSessionTable', () => {
  it('ends a session idle for the timeout; a datagram either way keeps it alive', () => {
    const a = session('a');
    const b = session('b');
    table.add(a);
    table.add(b);
    vi.advanceTimersByTime(600);
    table.touch(a);
    vi.advanceTimersByTime(450);
    expect(expired).toEqual(['b']);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(500);
    expect(expired).toEqual(['b']);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['b', 'a']);
    expect(vi.getTimerCount()).toBe(0);
    expect(table.size).toBe(0);
  });

  it('names the least recently active as the one to make room, and lists in order of arrival', () => {
    const [a, b, c] = [session('a'), session('b'), session('c')];
    table.add(a);
    table.add(b);
    table.add(c);
    table.touch(a);
    expect(table.stalest()).toBe(b);
    expect(table.list()).toEqual([a, b, c]);
    expect(table.byPeerId('p-c')).toBe(c);
    table.remove(b);
    expect(table.stalest()).toBe(c);
  });

  it('stops its timer when cleared', () => {
    table.add(session('a'));
    table.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(expired).toEqual([]);
  });
});
