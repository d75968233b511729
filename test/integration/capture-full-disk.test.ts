import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureFileStatus } from '../../src/shared/contract/ops/capture-ops';
import { readPcapngTcp } from '../helpers/pcapng-read';
import { expectChinese } from '../helpers/chinese';
import type { MessageRef } from '../../src/shared/messages/catalogue';
import { sha256 } from '../helpers/sha256';

/**
 * Capture to disk on a disk that fills up, for real: the engine runs in a
 * child inside a mount namespace of its own (`unshare -m`, root as CI has)
 * with two tiny tmpfs mounts, so ENOSPC comes from the kernel and the
 * machine's disks are never touched.
 */
const ROOT = path.resolve(__dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'wirebench-fulldisk-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const SETUP = [
  'set -e',
  `cd "${ROOT}"`,
  `mkdir -p "${out}/full" "${out}/small"`,
  `mount -t tmpfs -o size=256k wbfull "${out}/full"`,
  `dd if=/dev/zero of="${out}/full/filler" bs=4k 2>/dev/null || true`,
  `mount -t tmpfs -o size=1536k wbsmall "${out}/small"`,
  `exec "${process.execPath}" node_modules/jiti/lib/jiti-cli.mjs test/helpers/children/capture-full-disk.ts "${out}/full" "${out}/small" "${out}"`,
].join('\n');

describe('capture to disk on a full disk', () => {
  it('refuses to start on a full disk, and counts only what reached a disk that fills up', () => {
    const run = spawnSync('unshare', ['-m', 'sh', '-c', SETUP], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = /^RESULT (.*)$/m.exec(run.stdout)?.[1];
    if (!line) {
      throw new Error(`The child did not report (exit ${run.status}): ${run.stdout} ${run.stderr}`);
    }
    const result = JSON.parse(line) as {
      refused: string | null;
      refusedRef: MessageRef | null;
      error: string | null;
      status: CaptureFileStatus;
      notices: string[];
      crashed?: string;
    };
    expect(result.crashed).toBeUndefined();
    expectChinese(result.refusedRef, 'capture.disk-full');
    expectChinese(result.status.error, 'capture.write-failed-full');
    expect(result.refused).toMatch(
      /^The disk holding .*\/full is full \(\d+ bytes free\); free some space before capturing to disk$/,
    );

    const { status } = result;
    expect(result.error).toMatch(
      /^Writing the capture file .* failed \(the disk is full\); the capture stopped, and the file keeps the \d+ chunks \(.*\) that reached the disk$/,
    );
    expect(result.notices.filter((n) => n.includes('capture'))).toEqual([result.error]);
    // What the status claims is exactly what is in the file, and the file ends on a whole block.
    const file = readFileSync(path.join(out, 'capture.pcapng'));
    expect(status.fileBytes).toBe(file.length);
    const segments = readPcapngTcp(file);
    const payload = Buffer.concat(segments.map((s) => s.payload));
    expect(payload.length).toBe(status.payloadBytes);
    expect(status.payloadBytes).toBeGreaterThan(0);
    // The disk held about a megabyte and a half of the 4 MiB that came.
    const sent = readFileSync(path.join(out, 'sent.bin'));
    expect(status.payloadBytes).toBeLessThan(sent.length);
    expect(sha256(payload)).toBe(sha256(sent.subarray(0, payload.length)));
    expect(status.missedChunks).toBe(0);
    // tshark reads it to the end without "cut short in the middle of a packet" (exit status 2).
    execFileSync('tshark', ['-r', path.join(out, 'capture.pcapng'), '-q'], { stdio: 'ignore' });
  });
});
