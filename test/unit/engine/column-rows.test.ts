import { describe, expect, it } from 'vitest';
import { f64, u32 } from '../../../src/main/engine/capture/columns';

/**
 * A column of rows (the capture log's chunk fields, the index's seq and
 * lane): each row's fields stay together and in place through growth and
 * eviction, indexes keep their meaning, and the searches read field 0.
 */
describe('a column of rows', () => {
  it('keeps every field of every row through growth and dropping the front', () => {
    const rows = u32(3);
    for (let i = 0; i < 5_000; i++) {
      const at = rows.add();
      const a = rows.array;
      a[at] = i * 2;
      a[at + 1] = i + 7;
      a[at + 2] = i % 5;
      // Dropping from the front now and then moves the live rows down.
      if (i % 97 === 96) rows.dropBefore(rows.start + 60);
    }
    expect(rows.length).toBe(5_000);
    for (let i = rows.start; i < rows.length; i++) {
      expect(rows.at(i)).toBe(i * 2);
      expect(rows.field(i, 1)).toBe(i + 7);
      expect(rows.field(i, 2)).toBe(i % 5);
    }
    expect(rows.last()).toBe(4_999 * 2);
  });

  it('searches field 0 and shrinks when mostly empty', () => {
    const rows = f64(2);
    for (let i = 0; i < 10_000; i++) {
      const at = rows.add();
      rows.array[at] = i * 10;
      rows.array[at + 1] = -i;
    }
    expect(rows.lowerBound(55)).toBe(6);
    expect(rows.upperBound(60)).toBe(7);
    expect(rows.field(rows.lowerBound(99_990), 1)).toBe(-9_999);
    const before = rows.bytes;
    rows.dropBefore(9_990);
    expect(rows.size).toBe(10);
    expect(rows.bytes).toBeLessThan(before / 100);
    expect(rows.lowerBound(99_905)).toBe(9_991);
    expect(rows.field(9_995, 1)).toBe(-9_995);
    // A row's width is whole in the array: the next append lands after the last kept one.
    const at = rows.add();
    rows.array[at] = 100_000;
    rows.array[at + 1] = 1;
    expect(rows.at(10_000)).toBe(100_000);
    expect(rows.at(9_999)).toBe(99_990);
  });
});
