/**
 * The log as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted
 * when they hold a comma, a quote or a line break), one row per chunk.
 */
import type { Chunk } from '../contract/chunk';
import { toHexString } from '../bytes/copy-formats';
import { isoMicros } from './time-format';
import type { LogExportOptions } from './text-export';

export const CSV_COLUMNS = [
  'time_us',
  'iso_time',
  'direction',
  'endpoint',
  'peer',
  'length',
  'hex',
] as const;

/** One field, quoted only when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row (with its CRLF) for a chunk. */
export function csvRow(chunk: Chunk, options: LogExportOptions = {}): string {
  const peer = options.peerLabel ? options.peerLabel(chunk) : chunk.peerId;
  const fields = [
    String(chunk.time),
    isoMicros(chunk.time),
    chunk.dir,
    chunk.endpointId,
    peer,
    String(chunk.data.length),
    toHexString(chunk.data, { separator: '', uppercase: false }),
  ];
  return fields.map(csvField).join(',') + '\r\n';
}

/** The header row, then a row per chunk, in pieces to write as they come. */
export function* csvExportRows(
  chunks: Iterable<Chunk>,
  options: LogExportOptions = {},
): Generator<string> {
  yield CSV_COLUMNS.join(',') + '\r\n';
  for (const chunk of chunks) yield csvRow(chunk, options);
}

/** The whole CSV as one string, for small logs and selections. */
export function csvExport(chunks: Iterable<Chunk>, options: LogExportOptions = {}): string {
  let text = '';
  for (const row of csvExportRows(chunks, options)) text += row;
  return text;
}
