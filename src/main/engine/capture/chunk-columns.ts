import type { Chunk, ChunkOrigin } from '../../../shared/contract';
import { f64, u16, u32 } from './columns';
import type { Slab } from './slab-pool';

/**
 * Values many rows share (endpoint ids, peer ids, slabs), each as a small
 * number while some row holds it, let go when the last one is evicted.
 */
class Shared<T> {
  private readonly numbers = new Map<T, number>();
  private readonly values: T[] = [];
  private readonly counts: number[] = [];
  private readonly free: number[] = [];
  /** A flood is one peer's: the last value taken is checked before the map. */
  private last: T | undefined = undefined;
  private lastNumber = -1;

  take(value: T): number {
    let n: number | undefined = this.lastNumber;
    if (value !== this.last || n < 0) {
      n = this.numbers.get(value);
      if (n === undefined) {
        n = this.free.pop() ?? this.values.length;
        this.values[n] = value;
        this.counts[n] = 0;
        this.numbers.set(value, n);
      }
      this.last = value;
      this.lastNumber = n;
    }
    this.counts[n]!++;
    return n;
  }

  value(n: number): T {
    return this.values[n]!;
  }

  /** Values some row holds now. */
  get size(): number {
    return this.numbers.size;
  }

  release(n: number): void {
    if (--this.counts[n]! > 0) return;
    this.numbers.delete(this.values[n]!);
    this.values[n] = undefined as T;
    this.free.push(n);
    if (this.lastNumber === n) {
      this.last = undefined;
      this.lastNumber = -1;
    }
  }
}

/** An origin's kind is code % 4 (1..3; 0 is none), its interned id code / 4. */
const ORIGIN_KINDS = [undefined, 'rule', 'periodic', 'sequence'] as const;

function originCode(origin: ChunkOrigin, idNumber: number): number {
  return idNumber * 4 + ORIGIN_KINDS.indexOf(origin.kind);
}

function originNumber(code: number): number {
  return Math.floor(code / 4);
}

/**
 * The chunks the capture log holds, oldest first, one typed column per
 * field (columns.ts), index for index: no object, and no slot the collector
 * must look at, per chunk. A flood of small datagrams once kept an object
 * and a byte view per chunk for as long as the log held it, and V8's
 * young-generation collector copied every one of them on its way to the
 * old generation: that, not the copy into the slabs, was most of what a
 * datagram cost beyond bare Node. Ids and slabs are kept once (Shared) and
 * referred to by number. A Chunk is made when one is asked for, and dies
 * young.
 */
export class ChunkColumns {
  readonly seqs = f64();
  private readonly times = f64();
  private readonly offsets = u32();
  private readonly lengths = u32();
  private readonly dirs = u16();
  private readonly endpointNums = u32();
  private readonly peerNums = u32();
  private readonly storeNums = u32();
  /** Who sent it when automation did: 0 for a person, else originCode(). */
  private readonly originCodes = u32();
  private readonly endpoints = new Shared<string>();
  private readonly peers = new Shared<string>();
  /** The slab holding the bytes, or the bytes themselves when they were too big to pool. */
  private readonly stores = new Shared<Slab | Uint8Array>();
  /** Rule and run ids automation sent with, let go with the last chunk that names one. */
  private readonly originIds = new Shared<string>();
  private readonly all = [
    this.seqs,
    this.times,
    this.offsets,
    this.lengths,
    this.dirs,
    this.endpointNums,
    this.peerNums,
    this.storeNums,
    this.originCodes,
  ];

  get size(): number {
    return this.seqs.size;
  }

  /** Absolute index of the oldest held (columns.ts: indexes never change meaning). */
  get start(): number {
    return this.seqs.start;
  }

  /** Absolute index just past the newest. */
  get end(): number {
    return this.seqs.length;
  }

  push(c: Chunk, store: Slab | Uint8Array, offset: number): void {
    this.seqs.push(c.seq);
    this.times.push(c.time);
    this.offsets.push(offset);
    this.lengths.push(c.data.byteLength);
    this.dirs.push(c.dir === 'rx' ? 0 : 1);
    this.endpointNums.push(this.endpoints.take(c.endpointId));
    this.peerNums.push(this.peers.take(c.peerId));
    this.storeNums.push(this.stores.take(store));
    this.originCodes.push(c.origin ? originCode(c.origin, this.originIds.take(c.origin.id)) : 0);
  }

  /** Lets go of the oldest; says what it was. */
  shift(): { endpointId: string; bytes: number; store: Slab | Uint8Array } {
    const i = this.start;
    const endpoint = this.endpointNums.at(i);
    const store = this.storeNums.at(i);
    const out = {
      endpointId: this.endpoints.value(endpoint),
      bytes: this.lengths.at(i),
      store: this.stores.value(store),
    };
    this.endpoints.release(endpoint);
    this.peers.release(this.peerNums.at(i));
    this.stores.release(store);
    const origin = this.originCodes.at(i);
    if (origin !== 0) this.originIds.release(originNumber(origin));
    for (const column of this.all) column.dropBefore(i + 1);
    return out;
  }

  /** The chunk at absolute index `i`, made now. */
  chunk(i: number): Chunk {
    const store = this.storeAt(i);
    let data: Uint8Array;
    if (store instanceof Uint8Array) data = store;
    else {
      const offset = this.offsets.at(i);
      data = store.buf.subarray(offset, offset + this.lengths.at(i));
    }
    const chunk: Chunk = {
      seq: this.seqs.at(i),
      endpointId: this.endpointAt(i),
      peerId: this.peers.value(this.peerNums.at(i)),
      dir: this.dirs.at(i) === 0 ? 'rx' : 'tx',
      time: this.times.at(i),
      data,
    };
    const origin = this.originAt(i);
    if (origin) chunk.origin = origin;
    return chunk;
  }

  /** Origin ids interned now (each held by a chunk still here). */
  get originIdsHeld(): number {
    return this.originIds.size;
  }

  /** Who sent the chunk at absolute index `i` when automation did. */
  originAt(i: number): ChunkOrigin | undefined {
    const code = this.originCodes.at(i);
    if (code === 0) return undefined;
    return { kind: ORIGIN_KINDS[code % 4]!, id: this.originIds.value(originNumber(code)) };
  }

  endpointAt(i: number): string {
    return this.endpoints.value(this.endpointNums.at(i));
  }

  /** The byte length of the chunk at absolute index `i`. */
  lengthAt(i: number): number {
    return this.lengths.at(i);
  }

  storeAt(i: number): Slab | Uint8Array {
    return this.stores.value(this.storeNums.at(i));
  }

  offsetAt(i: number): number {
    return this.offsets.at(i);
  }
}
