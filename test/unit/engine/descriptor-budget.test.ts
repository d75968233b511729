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

  /** A budget over a fake count: `sync` and `async` say how often each way was used. */
  function fake(usage: () => DescriptorUsage, clock: () => number) {
    const calls = { sync: 0, async: 0 };
    const budget = new DescriptorBudget(
      () => {
        calls.sync++;
        return usage();
      },
      clock,
      async () => {
        calls.async++;
        return usage();
      },
    );
    return { budget, calls };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('counts on the loop only once; then off it, now and then far from the limit and after every accept near it', async () => {
    let open = 100;
    let clock = 0;
    const { budget, calls } = fake(
      () => ({ open, limit: 1000, outOfDescriptors: false }),
      () => clock,
    );
    expect(budget.exhausted()).toBe(false);
    for (let i = 0; i < 100; i++) expect(budget.exhausted()).toBe(false);
    await settle();
    expect(calls).toEqual({ sync: 1, async: 0 });
    clock += 1000; // stale: counted again, off the loop
    budget.exhausted();
    await settle();
    expect(calls).toEqual({ sync: 1, async: 1 });
    open = 1000 - 4 * DESCRIPTOR_RESERVE;
    clock += 1000;
    budget.exhausted();
    await settle();
    for (let i = 0; i < 10; i++) {
      budget.exhausted();
      await settle();
    }
    expect(calls).toEqual({ sync: 1, async: 12 });
    // The last count and the accepts since say when the reserve is reached.
    open = 1000 - DESCRIPTOR_RESERVE;
    budget.exhausted();
    await settle();
    expect(budget.exhausted()).toBe(true);
    expect(await budget.recount()).toBe(true);
    open = 100;
    expect(await budget.recount()).toBe(false);
    expect(budget.exhausted()).toBe(false);
    expect(calls.sync).toBe(1);
  });

  it('an accept storm far from the limit counts a few times, not every few hundred accepts', async () => {
    let open = 100;
    const { budget, calls } = fake(
      () => ({ open, limit: 100_000, outOfDescriptors: false }),
      () => 0,
    );
    for (let i = 0; i < 20_000; i++) {
      expect(budget.exhausted()).toBe(false);
      open++;
      if (i % 100 === 0) await settle();
    }
    // Each count lists every open descriptor: 20,000 accepts must not list them 78 times.
    expect(calls.sync + calls.async).toBeLessThan(10);
    expect(calls.sync).toBe(1);
  });

  it('accepts made while a count is on its way are counted once, wherever the listing saw them', async () => {
    // A storm goes on while the descriptors are listed off the loop: the
    // limit is read, the listing is asked for, a thread lists the directory
    // (seeing what was open at that moment) and the answer comes back. Before,
    // every accept since the count began was added to what the listing found,
    // though the listing had seen most of them: 15,000 clients under a limit
    // 100 to 1,000 above that were refused by the hundred, descriptors free.
    const LIMIT = 2000;
    for (const listedAfter of [0, 150, 300]) {
      let open = 100;
      /** The count's steps, driven by the test (a later count is never answered). */
      let steps: { asked: () => void; list: () => void; answer: () => void } | null = null;
      const snapshot = (): DescriptorUsage & { listed: string[] } => ({
        open,
        limit: LIMIT,
        outOfDescriptors: false,
        // The directory's names: descriptors 0 … open-1 (the listing's own one is left out by the count).
        listed: Array.from({ length: open + 1 }, (_, fd) => String(fd)),
      });
      const budget = new DescriptorBudget(
        () => ({ open, limit: LIMIT, outOfDescriptors: false }),
        () => 0,
        (listingStarts) =>
          new Promise((resolve) => {
            let seen: ReturnType<typeof snapshot> | null = null;
            steps = {
              asked: () => listingStarts?.(),
              list: () => (seen = snapshot()),
              answer: () => resolve(seen!),
            };
          }),
      );
      // Each accept takes the lowest free descriptor, as the kernel gives them.
      const accept = () => budget.exhausted(open++);
      while (steps === null) expect(accept()).toBe(false);
      const count = steps as { asked: () => void; list: () => void; answer: () => void };
      for (let i = 0; i < 200; i++) expect(accept()).toBe(false); // the limit being read
      count.asked();
      for (let i = 0; i < listedAfter; i++) expect(accept()).toBe(false);
      count.list();
      for (let i = listedAfter; i < 300; i++) expect(accept()).toBe(false);
      count.answer();
      await settle();
      // Hundreds of descriptors are free. With no later count answering, that
      // count and the accepts since must lead to the reserve: accepting up to
      // it, then no further (one early at most: the listing's own descriptor,
      // which the next accept may be given, cannot be told from the others).
      expect(LIMIT - (open + 1)).toBeGreaterThan(10 * DESCRIPTOR_RESERVE);
      for (let i = 0; i < LIMIT && !accept(); i++);
      const left = LIMIT - open;
      expect(left, `listed after ${listedAfter}`).toBeGreaterThanOrEqual(DESCRIPTOR_RESERVE);
      expect(left, `listed after ${listedAfter}`).toBeLessThanOrEqual(DESCRIPTOR_RESERVE + 1);
    }
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
