/** What the heap needs of an entry: when it is due, its arrival order, and where it sits. */
export interface HeapEntry {
  due: number;
  /** Breaks ties, so entries due at the same moment keep their order. */
  seq: number;
  /** Its index in the heap, kept by the heap (-1 once out). */
  at: number;
}

/**
 * A min-heap by due time that knows where each entry sits, so an entry can
 * be taken out from anywhere in O(log n): a session that ends removes its
 * own waiting datagrams without a scan of everyone else's.
 */
export class DueHeap<E extends HeapEntry> {
  private readonly items: E[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): E | undefined {
    return this.items[0];
  }

  push(entry: E): void {
    entry.at = this.items.length;
    this.items.push(entry);
    this.up(entry.at);
  }

  remove(entry: E): void {
    const i = entry.at;
    if (i < 0 || this.items[i] !== entry) return;
    const last = this.items.pop() as E;
    entry.at = -1;
    if (i === this.items.length) return;
    this.items[i] = last;
    last.at = i;
    this.down(i);
    this.up(last.at);
  }

  /** Call after an entry's due time changed. */
  moved(entry: E): void {
    this.down(entry.at);
    this.up(entry.at);
  }

  clear(): void {
    for (const e of this.items) e.at = -1;
    this.items.length = 0;
  }

  private before(a: E, b: E): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private place(entry: E, i: number): void {
    this.items[i] = entry;
    entry.at = i;
  }

  private up(i: number): void {
    const entry = this.items[i] as E;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.items[parent] as E;
      if (!this.before(entry, p)) break;
      this.place(p, i);
      i = parent;
    }
    this.place(entry, i);
  }

  private down(i: number): void {
    const n = this.items.length;
    const entry = this.items[i] as E;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child =
        right < n && this.before(this.items[right] as E, this.items[left] as E) ? right : left;
      const c = this.items[child] as E;
      if (!this.before(c, entry)) break;
      this.place(c, i);
      i = child;
    }
    this.place(entry, i);
  }
}
