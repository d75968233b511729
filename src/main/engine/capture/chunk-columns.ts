import type { Chunk } from '../../../shared/contract';
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
  private readonly endpoints = new Shared<string>();
  private readonly peers = new Shared<string>();
  /** The slab holding the bytes, or the bytes themselves when they were too big to pool. */
  private readonly stores = new Shared<Slab | Uint8Array>();
  private readonly all = [
    this.seqs,
    this.times,
    this.offsets,
    this.lengths,
    this.dirs,
    this.endpointNums,
    this.peerNums,
    this.storeNums,
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
    return {
      seq: this.seqs.at(i),
      endpointId: this.endpointAt(i),
      peerId: this.peers.value(this.peerNums.at(i)),
      dir: this.dirs.at(i) === 0 ? 'rx' : 'tx',
      time: this.times.at(i),
      data,
    };
  }

  endpointAt(i: number): string {
    return this.endpoints.value(this.endpointNums.at(i));
  }

  storeAt(i: number): Slab | Uint8Array {
    return this.stores.value(this.storeNums.at(i));
  }

  offsetAt(i: number): number {
    return this.offsets.at(i);
  }
}
