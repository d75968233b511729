/**
 * The log as a readable text file: a header line per chunk, then its
 * `hexdump -C`. Produced in pieces, so a log of hundreds of megabytes is
 * streamed to a file instead of built as one (impossibly long) string.
 */
import type { Chunk } from '../contract/chunk';
import { hexdumpBlocks } from '../bytes/hexdump';
import { localMicros } from './time-format';

export interface LogExportOptions {
  /** How a peer is named (e.g. `127.0.0.1:50312`); default its id. */
  peerLabel?: (chunk: Chunk) => string;
  /** Local time (default) or UTC in the header lines. */
  timeZone?: 'local' | 'utc';
}

/** `2024-05-01 12:34:56.123456  RX  127.0.0.1:50312  5 bytes` */
export function textExportHeader(chunk: Chunk, options: LogExportOptions = {}): string {
  const peer = options.peerLabel ? options.peerLabel(chunk) : chunk.peerId;
  const n = chunk.data.length;
  const dir = chunk.dir === 'rx' ? 'RX' : 'TX';
  return `${localMicros(chunk.time, options.timeZone)}  ${dir}  ${peer}  ${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** The export in pieces (write each to the file as it comes). */
export function* textExportBlocks(
  chunks: Iterable<Chunk>,
  options: LogExportOptions = {},
): Generator<string> {
  for (const chunk of chunks) {
    yield textExportHeader(chunk, options) + '\n';
    yield* hexdumpBlocks(chunk.data);
    yield '\n';
  }
}

/** The whole export as one string, for small logs and selections. */
export function textExport(chunks: Iterable<Chunk>, options: LogExportOptions = {}): string {
  let text = '';
  for (const block of textExportBlocks(chunks, options)) text += block;
  return text;
}
