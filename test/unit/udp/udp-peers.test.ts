import { describe, expect, it } from 'vitest';
import { PeerRoster } from '../../../src/main/engine/peer-roster';
import { UdpPeerTable } from '../../../src/main/engine/udp/udp-peers';

function table(limit: number): UdpPeerTable {
  let n = 0;
  const roster = new PeerRoster();
  return new UdpPeerTable(
    roster,
    {
      newId: () => `p${++n}`,
      now: () => 1_000,
      joined: (p) => roster.add(p),
      left: (p) => roster.remove(p.id),
    },
    limit,
  );
}

describe('UdpPeerTable', () => {
  it('keeps one record per address:port, in order of first sight', () => {
    const t = table(10);
    const a = t.heardFrom('127.0.0.1', 5000);
    t.touch('::1', 5000);
    expect(t.heardFrom('127.0.0.1', 5000)).toBe(a);
    expect(t.list().map((p) => `${p.address}|${p.port}`)).toEqual(['127.0.0.1|5000', '::1|5000']);
    expect(t.last).toBe(a);
  });

  it('touching (a send) does not change who a reply goes to', () => {
    const t = table(10);
    const sender = t.heardFrom('127.0.0.1', 1);
    t.touch('127.0.0.1', 2);
    expect(t.last).toBe(sender);
  });

  it('forgets the least recently active peer when full, and counts it', () => {
    const t = table(3);
    t.heardFrom('127.0.0.1', 1);
    t.heardFrom('127.0.0.1', 2);
    t.heardFrom('127.0.0.1', 3);
    t.heardFrom('127.0.0.1', 1); // port 1 is active again; port 2 is now the stalest
    t.heardFrom('127.0.0.1', 4);
    expect(t.list().map((p) => p.port)).toEqual([1, 3, 4]);
    expect(t.forgotten).toBe(1);
  });

  it('forgetting the last sender leaves nobody to reply to', () => {
    const t = table(3);
    const p = t.heardFrom('127.0.0.1', 1);
    expect(t.forget(p.id)).toBe(true);
    expect(t.last).toBeNull();
    expect(t.forget(p.id)).toBe(false);
  });
});
