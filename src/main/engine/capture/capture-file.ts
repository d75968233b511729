import { createWriteStream, mkdirSync, openSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../../../shared/contract';
import type { CaptureFileStatus } from '../../../shared/contract/ops/capture-ops';
import { PcapngStreamWriter, type StreamConversation } from '../../../shared/export/pcapng-stream';

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

/** Creates a new file (never overwrites one); two captures in one second get -2, -3, … */
function createExclusive(dir: string, endpointId: string): { file: string; fd: number } {
  mkdirSync(dir, { recursive: true });
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
 * One connection's capture to disk: every chunk, as it is recorded, appended
 * to a pcapng file that Wireshark opens (even while it grows). The path is
 * chosen here, under the captures directory: a window can start and stop a
 * capture but never name a file.
 */
export class CaptureFile {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly writer = new PcapngStreamWriter();
  private chunks = 0;
  private payloadBytes = 0;
  private fileBytes = 0;
  private missedChunks = 0;
  private missedBytes = 0;
  private error: string | null = null;
  private active = true;
  private readonly closed: Promise<void>;

  constructor(
    readonly endpointId: string,
    dir: string,
    private readonly onProblem: (message: string) => void,
    private readonly maxBufferBytes = MAX_CAPTURE_BUFFER_BYTES,
  ) {
    const { file, fd } = createExclusive(dir, endpointId);
    this.path = file;
    this.stream = createWriteStream(file, { fd, highWaterMark: 1024 * 1024 });
    this.closed = new Promise((resolve) => this.stream.once('close', () => resolve()));
    this.stream.on('error', (err: NodeJS.ErrnoException) => {
      if (this.error) return;
      this.error = `Writing the capture file ${this.path} failed (${err.code ?? err.message}); the capture stopped`;
      this.active = false;
      this.onProblem(this.error);
    });
    for (const block of this.writer.header()) this.put(block);
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
      if (this.missedChunks === 0) {
        this.onProblem(
          `The disk is not keeping up with the capture to ${this.path}; chunks that do not fit are counted as missed (they stay in the log while it has room)`,
        );
      }
      this.missedChunks++;
      this.missedBytes += chunk.data.byteLength;
      for (const block of this.writer.missed(chunk.peerId, describe, chunk)) this.put(block);
      return;
    }
    for (const block of this.writer.chunk(chunk.peerId, describe, chunk)) this.put(block);
    this.chunks++;
    this.payloadBytes += chunk.data.byteLength;
  }

  private put(block: Uint8Array): void {
    this.stream.write(block);
    this.fileBytes += block.byteLength;
  }

  /** Stops capturing and waits until every byte is on disk (or the write failed). */
  async stop(): Promise<CaptureFileStatus> {
    if (this.active) {
      this.active = false;
      this.stream.end();
    } else if (!this.stream.destroyed) {
      this.stream.destroy();
    }
    await this.closed;
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
