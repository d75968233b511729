import { createWriteStream, mkdirSync, openSync, statfsSync, type WriteStream } from 'node:fs';
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '../../../shared/contract';
import type { CaptureFileStatus } from '../../../shared/contract/ops/capture-ops';
import { PcapngStreamWriter, type StreamConversation } from '../../../shared/export/pcapng-stream';
import type { MessageRef } from '../../../shared/messages/catalogue';
import { EndpointError } from '../system-errors';
import {
  captureDiskFull,
  captureFallingBehind,
  captureOpenFailed,
  captureWriteFailed,
} from './capture-errors';

/**
 * Bytes a capture file may hold in memory while the disk catches up. A disk
 * slower than the socket must not make the main process grow without bound:
 * past this, chunks are counted as missed instead of written (they stay in
 * the capture log while it has room) and the status says so.
 */
export const MAX_CAPTURE_BUFFER_BYTES = 16 * 1024 * 1024;

/** `wirebench-e3-20261125-120501.pcapng`: sortable, and safe on every file system. */
export function captureFileName(endpointId: string, now: Date, n = 1): string {
  const p = (v: number): string => String(v).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `wirebench-${endpointId}-${stamp}${n > 1 ? `-${n}` : ''}.pcapng`;
}

/** A capture is not started with less free space than this: it could only fail at once. */
export const MIN_FREE_CAPTURE_BYTES = 1024 * 1024;

/** Refuses a disk that is (nearly) full; a system that cannot say lets the capture try. */
function checkFreeSpace(dir: string): void {
  let free: number;
  try {
    const stats = statfsSync(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return;
  }
  if (free < MIN_FREE_CAPTURE_BYTES) throw new EndpointError(captureDiskFull(dir, free), 'system');
}

/** Creates a new file (never overwrites one); two captures in one second get -2, -3, … */
function createExclusive(dir: string, endpointId: string): { file: string; fd: number } {
  mkdirSync(dir, { recursive: true });
  checkFreeSpace(dir);
  const now = new Date();
  for (let n = 1; ; n++) {
    const file = path.join(dir, captureFileName(endpointId, now, n));
    try {
      return { file, fd: openSync(file, 'wx') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 1000) throw err;
    }
  }
}

/**
 * Opens the very file a trusted caller named (the command line's --capture):
 * replaced if it exists, as `tcpdump -w` does. Windows never name a file.
 */
function createNamed(file: string): { file: string; fd: number } {
  checkFreeSpace(path.dirname(file));
  try {
    return { file, fd: openSync(file, 'w') };
  } catch (err) {
    throw new EndpointError(captureOpenFailed(file, err as NodeJS.ErrnoException), 'system');
  }
}

/** Where a capture goes: a new file under a directory, or one file a trusted caller named. */
export type CapturePlace = string | { file: string };

/**
 * One connection's capture to disk: every chunk, as it is recorded, appended
 * to a pcapng file that Wireshark opens (even while it grows). The path is
 * chosen here, under the captures directory: a window can start and stop a
 * capture but never name a file.
 *
 * The counts are of what reached the file: a chunk counts once the write of
 * its last block completed, never when it was handed to the stream. When a
 * write fails (a full disk), the file is cut back to the last whole chunk,
 * so the file, its counts and Wireshark agree on what is in it.
 */
export class CaptureFile {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly writer = new PcapngStreamWriter();
  /** Completed writes: chunks, their payload, and the file's length after the last one. */
  private chunks = 0;
  private payloadBytes = 0;
  private fileBytes = 0;
  /** Where the next block goes in the file (handed to the stream, not yet complete). */
  private handedBytes = 0;
  private missedChunks = 0;
  private missedBytes = 0;
  private error: MessageRef | null = null;
  private active = true;
  /** The stream is closed and, after a failed write, the file cut back to its last whole chunk. */
  private readonly settled: Promise<void>;

  constructor(
    readonly endpointId: string,
    place: CapturePlace,
    private readonly onProblem: (message: MessageRef) => void,
    private readonly maxBufferBytes = MAX_CAPTURE_BUFFER_BYTES,
  ) {
    const { file, fd } =
      typeof place === 'string' ? createExclusive(place, endpointId) : createNamed(place.file);
    this.path = file;
    this.stream = createWriteStream(file, { fd, highWaterMark: 1024 * 1024 });
    const closed = new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
    this.settled = closed.then(async () => {
      // A failed write may have left part of a block behind it: cut the file
      // back to what the counts say, the end of the last whole chunk.
      if (this.error) await truncate(this.path, this.fileBytes).catch(() => undefined);
    });
    this.stream.on('error', (err: NodeJS.ErrnoException) => {
      if (this.error) return;
      this.active = false;
      this.error = captureWriteFailed(this.path, err, {
        chunks: this.chunks,
        fileBytes: this.fileBytes,
      });
      this.onProblem(this.error);
    });
    this.put(this.writer.header());
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Bytes handed to the file but not yet on disk. */
  get backlogBytes(): number {
    return this.stream.writableLength;
  }

  /** Appends a chunk, or counts it as missed when the disk is behind. */
  write(chunk: Chunk, describe: () => StreamConversation): void {
    if (!this.active) return;
    if (this.stream.writableLength > this.maxBufferBytes) {
      if (this.missedChunks === 0) this.onProblem(captureFallingBehind(this.path));
      this.missedChunks++;
      this.missedBytes += chunk.data.byteLength;
      this.writer.missed(chunk.peerId, chunk);
      return;
    }
    const payload = chunk.data.byteLength;
    this.put(this.writer.chunk(chunk.peerId, describe, chunk), () => {
      this.chunks++;
      this.payloadBytes += payload;
    });
  }

  /**
   * Hands one record's blocks to the stream; `done` runs once the last of
   * them is in the file. Writes complete in order, so `fileBytes` always ends
   * on a whole record.
   */
  private put(blocks: Uint8Array[], done?: () => void): void {
    if (blocks.length === 0) return;
    for (const block of blocks) this.handedBytes += block.byteLength;
    const end = this.handedBytes;
    const last = blocks.length - 1;
    blocks.forEach((block, i) => {
      if (i < last) this.stream.write(block);
      else
        this.stream.write(block, (err) => {
          if (err || this.error) return;
          this.fileBytes = end;
          done?.();
        });
    });
  }

  /** Stops capturing and waits until every byte is on disk (or the write failed). */
  async stop(): Promise<CaptureFileStatus> {
    if (this.active) {
      this.active = false;
      this.stream.end();
    } else if (!this.stream.destroyed) {
      this.stream.destroy();
    }
    await this.settled;
    return this.status();
  }

  status(): CaptureFileStatus {
    return {
      endpointId: this.endpointId,
      path: this.path,
      format: 'pcapng',
      active: this.active,
      chunks: this.chunks,
      payloadBytes: this.payloadBytes,
      fileBytes: this.fileBytes,
      missedChunks: this.missedChunks,
      missedBytes: this.missedBytes,
      error: this.error,
    };
  }
}
