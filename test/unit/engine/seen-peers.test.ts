import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../../../src/shared/contract';
import type { PeerRecord } from '../../../src/main/engine/endpoint';
import { SeenPeers } from '../../../src/main/engine/seen-peers';

const peer = (n: number): PeerRecord => ({
  id: `p${n}`,
  address: '127.0.0.1',
  port: 10_000 + n,
  since: 0,
  state: 'connected',
  counters: emptyCounters(),
});

describe('SeenPeers', () => {
  it('when full, first forgets the peers whose chunks the log has evicted', () => {
    let oldest = 0;
    const seen = new SeenPeers(() => oldest, 8);
    for (let n = 0; n < 8; n++) seen.logged(peer(n), n, () => null);
    // p0 logs again later: its chunk at seq 20 is still held.
    seen.logged(peer(0), 20, () => null);
    oldest = 5;
    seen.logged(peer(8), 21, () => null);
    expect([...seen].map(([id]) => id)).toEqual(['p0', 'p5', 'p6', 'p7', 'p8']);
  });

  it('then the ones whose latest chunk is oldest, down to three quarters of the cap', () => {
    const seen = new SeenPeers(() => 0, 8);
    for (let n = 0; n < 9; n++) seen.logged(peer(n), 100 - n, () => null);
    expect(seen.size).toBe(6);
    expect([...seen].map(([id]) => id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('keeps what exports need of a peer: its record, local end, and who closed', () => {
    const seen = new SeenPeers(() => 0);
    const p = peer(1);
    seen.logged(p, 1, () => ({ address: '127.0.0.1', port: 9 }));
    const entry = seen.get('p1');
    expect(entry?.peer).toBe(p);
    expect(entry?.local).toEqual({ address: '127.0.0.1', port: 9 });
    if (entry) entry.closedBy = 'remote';
    seen.logged(p, 2, () => null);
    expect(seen.get('p1')).toMatchObject({ closedBy: 'remote', lastSeq: 2 });
  });
});
