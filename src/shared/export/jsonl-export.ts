/**
 * The log as JSON lines: one self-contained object per chunk, with the bytes
 * both as hex (greppable) and base64 (compact, for programs).
 */
import type { Chunk } from '../contract/chunk';
import { toBase64, toHexString } from '../bytes/copy-formats';
import { isoMicros } from './time-format';
import type { LogExportOptions } from './text-export';

/** The shape of each line, for readers of the file. */
export interface JsonlRecord {
  seq: number;
  time_us: number;
  time: string;
  direction: 'rx' | 'tx';
  endpoint: string;
  peer: string;
  length: number;
  hex: string;
  base64: string;
}

/** How bytes become the record's text; a Node caller may pass Buffer's native codecs. */
export interface ByteCodecs {
  /** Lower-case hex, no separators. */
  hex(bytes: Uint8Array): string;
  /** Standard base64 with padding. */
  base64(bytes: Uint8Array): string;
}

const PORTABLE_CODECS: ByteCodecs = {
  hex: (bytes) => toHexString(bytes, { separator: '', uppercase: false }),
  base64: toBase64,
};

/** The record for a chunk (the command line adds to it for a framed message). */
export function jsonlRecord(
  chunk: Chunk,
  options: LogExportOptions = {},
  codecs: ByteCodecs = PORTABLE_CODECS,
): JsonlRecord {
  return {
    seq: chunk.seq,
    time_us: chunk.time,
    time: isoMicros(chunk.time),
    direction: chunk.dir,
    endpoint: chunk.endpointId,
    peer: options.peerLabel ? options.peerLabel(chunk) : chunk.peerId,
    length: chunk.data.length,
    hex: codecs.hex(chunk.data),
    base64: codecs.base64(chunk.data),
  };
}

/** One line (with its `\n`) for a chunk. */
export function jsonlLine(chunk: Chunk, options: LogExportOptions = {}): string {
  return JSON.stringify(jsonlRecord(chunk, options)) + '\n';
}

/** A line per chunk, in pieces to write as they come. */
export function* jsonlExportLines(
  chunks: Iterable<Chunk>,
  options: LogExportOptions = {},
): Generator<string> {
  for (const chunk of chunks) yield jsonlLine(chunk, options);
}

/** The whole file as one string, for small logs and selections. */
export function jsonlExport(chunks: Iterable<Chunk>, options: LogExportOptions = {}): string {
  let text = '';
  for (const line of jsonlExportLines(chunks, options)) text += line;
  return text;
}
