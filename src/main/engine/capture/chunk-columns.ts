import type { Chunk, ChunkOrigin } from '../../../shared/contract';
import { f64, u32 } from './columns';
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

/** Fields of a row of `ChunkColumns.fields`. */
const OFFSET = 0;
const LENGTH = 1;
/** Bit 0: the direction (1: tx); the bits above: the origin's code (originCode, 0: none). */
const FLAGS = 2;
const ENDPOINT = 3;
const PEER = 4;
const STORE = 5;
const FIELDS = 6;

/**
 * The chunks the capture log holds, oldest first, as rows of typed columns
 * (columns.ts): no object, and no slot the collector must look at, per
 * chunk. A flood of small datagrams once kept an object and a byte view per
 * chunk for as long as the log held it, and V8's young-generation collector
 * copied every one of them on its way to the old generation: that, not the
 * copy into the slabs, was most of what a datagram cost beyond bare Node.
 * Ids and slabs are kept once (Shared) and referred to by number. The
 * numbers of a chunk are two rows, its seq and time in one, the rest in
 * the other, so appending one is two appends, not one per field. A Chunk
 * is made when one is asked for, and dies young.
 */
export class ChunkColumns {
  /** Per chunk: its seq (field 0, what the searches read) and time (field 1). */
  readonly seqs = f64(2);
  /** Per chunk: OFFSET, LENGTH, FLAGS, ENDPOINT, PEER, STORE. */
  private readonly fields = u32(FIELDS);
  private readonly endpoints = new Shared<string>();
  private readonly peers = new Shared<string>();
  /** The slab holding the bytes, or the bytes themselves when they were too big to pool. */
  private readonly stores = new Shared<Slab | Uint8Array>();
  /** Rule and run ids automation sent with, let go with the last chunk that names one. */
  private readonly originIds = new Shared<string>();

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
    const at = this.seqs.add();
    const times = this.seqs.array;
    times[at] = c.seq;
    times[at + 1] = c.time;
    const origin = c.origin ? originCode(c.origin, this.originIds.take(c.origin.id)) : 0;
    const endpoint = this.endpoints.take(c.endpointId);
    const peer = this.peers.take(c.peerId);
    const kept = this.stores.take(store);
    const i = this.fields.add();
    const f = this.fields.array;
    f[i + OFFSET] = offset;
    f[i + LENGTH] = c.data.byteLength;
    f[i + FLAGS] = (origin << 1) | (c.dir === 'rx' ? 0 : 1);
    f[i + ENDPOINT] = endpoint;
    f[i + PEER] = peer;
    f[i + STORE] = kept;
  }

  /** Lets go of the oldest; says what it was. */
  shift(): { endpointId: string; bytes: number; store: Slab | Uint8Array } {
    const i = this.start;
    const f = this.fields;
    const endpoint = f.field(i, ENDPOINT);
    const store = f.field(i, STORE);
    const out = {
      endpointId: this.endpoints.value(endpoint),
      bytes: f.field(i, LENGTH),
      store: this.stores.value(store),
    };
    this.endpoints.release(endpoint);
    this.peers.release(f.field(i, PEER));
    this.stores.release(store);
    const origin = f.field(i, FLAGS) >>> 1;
    if (origin !== 0) this.originIds.release(originNumber(origin));
    this.seqs.dropBefore(i + 1);
    f.dropBefore(i + 1);
    return out;
  }

  /** The chunk at absolute index `i`, made now. */
  chunk(i: number): Chunk {
    const store = this.storeAt(i);
    let data: Uint8Array;
    if (store instanceof Uint8Array) data = store;
    else {
      const offset = this.fields.field(i, OFFSET);
      data = store.buf.subarray(offset, offset + this.fields.field(i, LENGTH));
    }
    const chunk: Chunk = {
      seq: this.seqs.at(i),
      endpointId: this.endpointAt(i),
      peerId: this.peers.value(this.fields.field(i, PEER)),
      dir: (this.fields.field(i, FLAGS) & 1) === 0 ? 'rx' : 'tx',
      time: this.seqs.field(i, 1),
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
    const code = this.fields.field(i, FLAGS) >>> 1;
    if (code === 0) return undefined;
    return { kind: ORIGIN_KINDS[code % 4]!, id: this.originIds.value(originNumber(code)) };
  }

  endpointAt(i: number): string {
    return this.endpoints.value(this.fields.field(i, ENDPOINT));
  }

  /** The byte length of the chunk at absolute index `i`. */
  lengthAt(i: number): number {
    return this.fields.field(i, LENGTH);
  }

  storeAt(i: number): Slab | Uint8Array {
    return this.stores.value(this.fields.field(i, STORE));
  }

  offsetAt(i: number): number {
    return this.fields.field(i, OFFSET);
  }
}
