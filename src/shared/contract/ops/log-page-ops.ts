import { z } from 'zod';
import { framingSpec } from '../../framing/framing-spec';
import type { TextEncodingName } from '../../payload/encodings';
import { chunkOrigin } from '../automation';
import { direction } from '../chunk';
import { bytes, id, micros } from '../fields';
import { scanStatus } from '../log-scan';
import { messageRef } from '../message';

/**
 * A window onto the whole capture log: rows, byte windows, find and
 * filters, all computed in the main process and read a page at a time.
 * ARCHITECTURE.md ("How a view reads the log") says how a view uses them;
 * src/main/engine/capture/log-pages.ts how main answers.
 *
 * Positions count from the first row ever made and never change meaning:
 * rows [firstHeld, total) are held, those below firstHeld were evicted.
 * A stream offset counts the bytes of one direction (of one peer, or of
 * every peer as they came) from its first byte, the same way.
 */

/** Rows a page holds at most, and the bytes it carries at most (all rows together). */
export const PAGE_ROWS_MAX = 1000;
export const PAGE_BYTES_MAX = 4 * 1024 * 1024;
/** The most of one row a page carries (the rest is read with logStream). */
export const ROW_BYTES_MAX = 64 * 1024;
/** The most a byte window carries, and chunk boundaries it lists. */
export const STREAM_WINDOW_MAX = 4 * 1024 * 1024;
export const STREAM_BOUNDARIES_MAX = 4096;

const position = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(PAGE_ROWS_MAX);

const ENCODINGS = ['utf-8', 'ascii', 'latin1', 'utf-16le', 'utf-16be', 'gbk', 'gb18030'] as const;
// The list above is exactly the payload editor's encodings (a check, not a second source).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const encodingsMatch: Same<(typeof ENCODINGS)[number], TextEncodingName> = true;
void encodingsMatch;

/** What to look for: text in an encoding, hex bytes, or a regular expression over bytes as Latin-1. */
export const logPattern = z.strictObject({
  kind: z.enum(['text', 'hex', 'regex']),
  text: z.string().min(1).max(4096),
  encoding: z.enum(ENCODINGS).default('utf-8'),
});

/** Where a page starts (before `before` rows are added ahead of it). */
const rowAnchor = z.union([
  z.strictObject({ position }),
  /** The first row holding bytes of the chunk with this seq, or the next row. */
  z.strictObject({ seq: position }),
  /** With a filter: its first row at or after this position of the unfiltered view. */
  z.strictObject({ row: position }),
  /** The last `count` rows. */
  z.strictObject({ tail: z.literal(true) }),
]);

const rowView = {
  endpointId: id,
  /** How rows are cut: absent or raw is one row per chunk. */
  framing: framingSpec.optional(),
  /** Read the rows of this filter (startLogFilter) instead; its own framing applies. */
  filterId: id.optional(),
};

const gone = z.strictObject({
  /** What the log evicted of this connection since it opened. */
  chunks: z.number(),
  bytes: z.number(),
});

/** How far the framed view is: chunks not framed yet (0 when it has caught up). */
const framingProgress = z.strictObject({ behindChunks: z.number() });

export const pageRow = z.strictObject({
  /** Its position in what was read: the view, or the filter. */
  position,
  /** Its position in the view (the same as position when no filter was read). */
  row: position,
  /** The chunk that brought the row's first byte, and its last. */
  seq: z.number(),
  lastSeq: z.number(),
  time: micros,
  dir: direction,
  peerId: id,
  /** Bytes of the row's data (a framed row's delimiter excluded when the spec strips it). */
  length: z.number(),
  /** Where the row starts in its peer's stream of its direction, and in the direction's stream of every peer. */
  streamOffset: z.number(),
  dirOffset: z.number(),
  /** Where its first bytes are in the page's `bytes`, and how many are there. */
  bytesAt: z.number(),
  bytesLength: z.number(),
  /** Why it is not a well-formed frame (a frame.* message). */
  error: messageRef.optional(),
  /** Who sent its first chunk when automation did (a rule, a periodic send, a sequence). */
  origin: chunkOrigin.optional(),
});
export type PageRow = z.infer<typeof pageRow>;

const searchMatch = z.strictObject({
  index: position,
  /** The chunk the match starts in, and the match's offset in that chunk. */
  seq: z.number(),
  offset: z.number(),
  length: z.number(),
  dir: direction,
  peerId: id,
  /** Where the match starts in its peer's stream of its direction, and in the direction's stream. */
  streamOffset: z.number(),
  dirOffset: z.number(),
});
export type SearchMatch = z.infer<typeof searchMatch>;

export const logPageOperations = {
  /** A page of rows (chunks or framed messages), of the whole view or of a filter. */
  logRows: {
    request: z.strictObject({
      ...rowView,
      anchor: rowAnchor,
      /** Rows before the anchor to start the page with (for scrolling up, and "previous"). */
      before: count.default(0),
      count: count.default(200),
      /** Bytes of each row carried in the page (the page carries 4 MiB at most). */
      maxRowBytes: z.number().int().min(0).max(ROW_BYTES_MAX).default(1024),
    }),
    result: z.strictObject({
      total: z.number(),
      firstHeld: z.number(),
      /** The anchor's position (total when it lies past the end). */
      anchor: z.number(),
      /** Position of the first row asked for (rows may skip those gone since). */
      from: z.number(),
      rows: z.array(pageRow),
      /** Positions in [from, from + count) whose bytes were evicted meanwhile. */
      goneRows: z.array(z.number()),
      bytes,
      gone,
      framing: framingProgress,
      filter: scanStatus.optional(),
    }),
  },
  /** The counters a view follows the tail with (cheap: no rows). */
  logRowCount: {
    request: z.strictObject(rowView),
    result: z.strictObject({
      total: z.number(),
      firstHeld: z.number(),
      /** The seq of the newest chunk of the connection (-1 before the first). */
      lastSeq: z.number(),
      gone,
      framing: framingProgress,
      filter: scanStatus.optional(),
    }),
  },
  /** A window of one direction's byte stream (one peer's, or every peer's as they came), for Hex and Text. */
  logStream: {
    request: z.strictObject({
      endpointId: id,
      dir: direction,
      peerId: id.optional(),
      offset: position,
      length: z
        .number()
        .int()
        .min(1)
        .max(STREAM_WINDOW_MAX)
        .default(64 * 1024),
    }),
    result: z.strictObject({
      /** The stream's first byte still held, and its length (bytes ever carried). */
      start: z.number(),
      end: z.number(),
      /** Stream offset of `bytes[0]` (the request's, moved up to `start` when that is gone). */
      offset: z.number(),
      bytes,
      /** The chunks the window touches (4096 at most; the window then ends at the last one's end). */
      chunks: z.strictObject({
        seq: z.array(z.number()),
        offset: z.array(z.number()),
        time: z.array(z.number()),
        peerId: z.array(id),
      }),
    }),
  },
  /** Finds every occurrence in the held streams (a match may run across chunks; a regex looks within each chunk). */
  startLogSearch: {
    request: z.strictObject({
      endpointId: id,
      dir: z.enum(['rx', 'tx', 'all']).default('all'),
      peerId: id.optional(),
      pattern: logPattern,
    }),
    result: scanStatus,
  },
  /** A page of a search's matches, in capture order (Next/Previous: anchor on the current one). */
  readLogSearch: {
    request: z.strictObject({
      scanId: id,
      anchor: z.union([
        z.strictObject({ index: position }),
        /** The first match at or after this byte of this chunk. */
        z.strictObject({ seq: position, offset: position.default(0) }),
        z.strictObject({ tail: z.literal(true) }),
      ]),
      before: count.default(0),
      count: count.default(200),
    }),
    result: z.strictObject({
      status: scanStatus,
      total: z.number(),
      firstHeld: z.number(),
      anchor: z.number(),
      from: z.number(),
      matches: z.array(searchMatch),
      /** Matches found, then lost because the log evicted their chunks. */
      dropped: z.number(),
    }),
  },
  /** The rows of a view that pass a direction, a peer and a pattern; follows new rows until closed. */
  startLogFilter: {
    request: z.strictObject({
      endpointId: id,
      framing: framingSpec.optional(),
      dir: z.enum(['rx', 'tx', 'all']).default('all'),
      peerId: id.optional(),
      pattern: logPattern.optional(),
    }),
    result: scanStatus,
  },
  /** Stops a search or filter; what it found stays readable until closed. */
  cancelLogScan: {
    request: z.strictObject({ scanId: id }),
    result: scanStatus,
  },
  /** Lets go of a search or filter and all it found. */
  closeLogScan: {
    request: z.strictObject({ scanId: id }),
    result: z.strictObject({}),
  },
} as const;
