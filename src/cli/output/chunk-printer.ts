import type { Chunk } from '../../shared/contract/chunk';
import { hexdumpBlocks } from '../../shared/bytes/hexdump';
import { visibleText } from '../../shared/bytes/visible-text';
import { jsonlRecord, type ByteCodecs } from '../../shared/export/jsonl-export';
import { textExportHeader } from '../../shared/export/text-export';
import { englishOf } from '../../shared/messages/plain-formats';
import type { TextEncodingName } from '../../shared/payload/encodings';
import type { Terminal } from '../terminal';
import type { StreamMessage } from './message-stream';

/**
 * What goes to stdout for every chunk (or, with a framing, every message):
 *
 *   hex    a header line (local time, RX/TX, peer, length), then `hexdump -C`
 *          of the bytes with offsets in that peer's stream in that direction,
 *          as the app's text export writes a chunk (the default);
 *   text   the header, then the bytes as text in the chosen encoding, every
 *          invisible character shown as an escape (the app's Text view);
 *   jsonl  one JSON object a line, the app's JSONL export record (time_us,
 *          direction, peer, length, hex, base64), plus `error` for a frame
 *          cut short: for scripts;
 *   raw    the received bytes exactly as they came, nothing else (as ncat);
 *   none   nothing (--quiet): the counts still go to the summary.
 */

export const OUTPUT_FORMATS = ['hex', 'text', 'jsonl', 'raw', 'none'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface PrinterOptions {
  format: Exclude<OutputFormat, 'raw' | 'none'>;
  /** For `text`: how received bytes are decoded. */
  encoding: TextEncodingName;
  /** `127.0.0.1:50312`, for a peer id. */
  peerLabel(peerId: string): string;
  terminal: Terminal;
}

/** The JSONL record's codecs, Node's native ones: the same text, several times faster. */
export const NODE_CODECS: ByteCodecs = {
  hex: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex'),
  base64: (bytes) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
};

/** Prints one message (or chunk) in a format that shows where it came from. */
export function messagePrinter(options: PrinterOptions): (m: StreamMessage) => void {
  const { terminal, format, encoding } = options;
  const peerLabel = (c: Chunk): string => options.peerLabel(c.peerId);
  return (m) => {
    const chunk: Chunk = {
      seq: m.seq,
      endpointId: m.endpointId,
      peerId: m.peerId,
      dir: m.dir,
      time: m.time,
      data: m.data,
    };
    // A message the framing cut short says why, in English (a string, as the JSONL record's fields are).
    const error = m.error === undefined ? undefined : englishOf(m.error);
    if (format === 'jsonl') {
      const record = jsonlRecord(chunk, { peerLabel }, NODE_CODECS);
      const line = error === undefined ? record : { ...record, error };
      terminal.data(JSON.stringify(line) + '\n');
      return;
    }
    const header = textExportHeader(chunk, { peerLabel }) + (error ? `  (${error})` : '') + '\n';
    if (format === 'text') {
      const text = visibleText(m.data, { encoding, newlines: 'mark' });
      terminal.data(`${header}${text}${text.endsWith('\n') ? '' : '\n'}\n`);
      return;
    }
    // Block by block: a 64 KiB read is 300 KiB of dump, not worth joining into one string.
    terminal.data(header);
    for (const block of hexdumpBlocks(m.data, { offset: m.streamStart })) terminal.data(block);
    terminal.data('\n');
  };
}
