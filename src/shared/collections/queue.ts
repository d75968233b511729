/** Taken items a queue may keep in its array before it sheds them (see Queue). */
export const COMPACT_AFTER = 4096;

/**
 * First in, first out, over one array: taking from the front moves a head
 * index instead of shifting every item (Array.prototype.shift is O(n) on a
 * long array), and the taken front is cut off now and then (past
 * `compactAfter` taken, and more taken than held), so the array stays within
 * twice what the queue holds. A taken slot is cleared at once, so the queue
 * never keeps an item alive that was taken from it.
 */
export class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  constructor(private readonly compactAfter = COMPACT_AFTER) {}

  /** Items held. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Array slots in use: the held items and the taken ones not yet cut off. */
  get slots(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The item `index` places after the oldest (negative: counted back from the newest). */
  at(index: number): T | undefined {
    const i = index < 0 ? this.items.length + index : this.head + index;
    return i >= this.head && i < this.items.length ? this.items[i] : undefined;
  }

  /** Takes the oldest item, or undefined when there is none. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > this.compactAfter && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
