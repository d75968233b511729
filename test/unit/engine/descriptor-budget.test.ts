import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  DESCRIPTOR_RESERVE,
  DescriptorBudget,
  parseSoftLimit,
  readDescriptorUsage,
  type DescriptorUsage,
} from '../../../src/main/engine/tcp/descriptor-budget';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('file descriptor budget', () => {
  it('reads the soft limit, not the hard one; "unlimited" or an unknown layout is null', () => {
    expect(parseSoftLimit(LIMITS)).toBe(1024);
    expect(parseSoftLimit(LIMITS.replace('1024 ', 'unlimited'))).toBeNull();
    expect(parseSoftLimit('nothing here')).toBeNull();
  });

  it('agrees with the shell: `ulimit -n` in a child that inherits our limit', () => {
    const shell = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
    const usage = readDescriptorUsage();
    expect(usage.limit).toBe(shell);
    expect(usage.open).toBeGreaterThan(2);
    expect(usage.outOfDescriptors).toBe(false);
  });

  it('counts again at every accept near the limit, and only now and then far from it', () => {
    let counts = 0;
    let open = 100;
    let clock = 0;
    const read = (): DescriptorUsage => {
      counts++;
      return { open, limit: 1000, outOfDescriptors: false };
    };
    const budget = new DescriptorBudget(read, () => clock);
    expect(budget.exhausted()).toBe(false);
    for (let i = 0; i < 100; i++) expect(budget.exhausted()).toBe(false);
    expect(counts).toBe(1);
    clock += 1000; // stale: counted again
    budget.exhausted();
    expect(counts).toBe(2);
    open = 1000 - 4 * DESCRIPTOR_RESERVE;
    clock += 1000;
    budget.exhausted();
    const near = counts;
    for (let i = 0; i < 10; i++) budget.exhausted();
    expect(counts).toBe(near + 10);
    open = 1000 - DESCRIPTOR_RESERVE;
    expect(budget.exhausted()).toBe(true);
  });

  it('an accept storm far from the limit counts a few times, not every few hundred accepts', () => {
    let counts = 0;
    let open = 100;
    const read = (): DescriptorUsage => {
      counts++;
      return { open, limit: 100_000, outOfDescriptors: false };
    };
    const budget = new DescriptorBudget(read, () => 0);
    for (let i = 0; i < 20_000; i++) {
      expect(budget.exhausted()).toBe(false);
      open++;
    }
    // Each count lists every open descriptor: 20,000 accepts must not list them 78 times.
    expect(counts).toBeLessThan(10);
  });

  it('is exhausted when counting itself runs out, and never where nothing can be known', () => {
    const out = new DescriptorBudget(() => ({ open: null, limit: null, outOfDescriptors: true }));
    expect(out.exhausted()).toBe(true);
    const unknown = new DescriptorBudget(() => ({
      open: null,
      limit: null,
      outOfDescriptors: false,
    }));
    expect(unknown.exhausted()).toBe(false);
  });
});
