import { defineConfig } from 'vitest/config';

// One project per layer of the test pyramid; `vitest run` runs them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Some unit tests hand their output to real tools (tshark, xxd, gcc), whose
          // start-up alone can take seconds on a loaded 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // A condition polled for may take seconds when a loaded machine starts a peer.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A window on a loaded 2-core machine may take seconds to show what is polled for.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
      { test: { name: 'electron', include: ['test/electron/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
