/**
 * `hexdump -C` formatting for the Hex view, the text export and the table
 * previews. The log can hold hundreds of megabytes, so the full formatter
 * writes ASCII codes into a reusable byte buffer from lookup tables and
 * decodes a block of lines at once, instead of building strings byte by byte.
 */

export interface HexdumpOptions {
  /** The offset printed for `bytes[0]` (e.g. where a message sits in its stream). */
  offset?: number;
  /** Bytes per line; 16 gives exactly `hexdump -C`. Groups of 8 are split by a space. */
  bytesPerLine?: number;
  /** Print `*` for runs of lines identical to the previous one, as `hexdump -C` does without `-v`. */
  squeeze?: boolean;
  /** Upper-case hex digits (`hexdump -C` prints lower case). */
  uppercase?: boolean;
}

/** One line of a hexdump, for a virtualized view that renders the columns itself. */
export interface HexdumpRow {
  offset: number;
  /** `48 65 6c 6c 6f 0a 00 01  02 03` — the hex column without trailing padding. */
  hex: string;
  /** `Hello...`: printable ASCII as is, every other byte as `.`. */
  ascii: string;
}

const LOWER = '0123456789abcdef';
const UPPER = '0123456789ABCDEF';
const CODE_LOWER = Uint8Array.from(LOWER, (c) => c.charCodeAt(0));
const CODE_UPPER = Uint8Array.from(UPPER, (c) => c.charCodeAt(0));
/** Byte → the ASCII code shown in the text column ('.' for non-printables, as `%_p`). */
const PRINTABLE = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x20 && b < 0x7f ? b : 0x2e));
/** Byte → "xx", for the string-returning helpers. */
const HEX2_LOWER = Array.from({ length: 256 }, (_, b) => LOWER[b >> 4]! + LOWER[b & 15]!);
const HEX2_UPPER = Array.from({ length: 256 }, (_, b) => UPPER[b >> 4]! + UPPER[b & 15]!);
const ASCII_CHAR = Array.from({ length: 256 }, (_, b) => String.fromCharCode(PRINTABLE[b]!));

const SPACE = 0x20;
const NEWLINE = 0x0a;
const BAR = 0x7c;
// About 40 KB of text per block: V8 makes strings from buffers this size
// several times faster per byte than from much larger ones.
const LINES_PER_BLOCK = 512;
const ascii = new TextDecoder('utf-8');

/** Two lower-case (or upper-case) hex digits for one byte. */
export function hexByte(byte: number, uppercase = false): string {
  return (uppercase ? HEX2_UPPER : HEX2_LOWER)[byte & 0xff]!;
}

function lineWidth(perLine: number): number {
  // offset(8) + 2 spaces + "xx " per byte + a space per group + trailing
  // group space + "|" + ascii + "|\n". Offsets beyond 32 bits widen the line.
  return 16 + 2 + perLine * 3 + Math.ceil(perLine / 8) + 1 + 1 + perLine + 2;
}

function checkPerLine(perLine: number): number {
  if (!Number.isInteger(perLine) || perLine < 1 || perLine > 256) {
    throw new RangeError(`Bytes per line must be a whole number from 1 to 256 (got ${perLine})`);
  }
  return perLine;
}

/** Writes the offset as at least 8 hex digits; returns the new position. */
function writeOffset(out: Uint8Array, pos: number, offset: number, digits: Uint8Array): number {
  if (offset <= 0xffffffff) {
    for (let shift = 28; shift >= 0; shift -= 4) out[pos++] = digits[(offset >>> shift) & 15]!;
    return pos;
  }
  const text = offset.toString(16);
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}

function sameLine(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/**
 * The dump in blocks of lines, for output too large for one string (a 100 MiB
 * stream is ~430 MB of text). Joined, the blocks are exactly {@link hexdump}.
 */
export function* hexdumpBlocks(bytes: Uint8Array, options: HexdumpOptions = {}): Generator<string> {
  const perLine = checkPerLine(options.bytesPerLine ?? 16);
  const base = options.offset ?? 0;
  const digits = options.uppercase ? CODE_UPPER : CODE_LOWER;
  // Sized for this input (one message is usually a few lines); +2 per line leaves room for '*' lines.
  const lines0 = Math.min(Math.ceil(bytes.length / perLine), LINES_PER_BLOCK);
  const out = new Uint8Array((lineWidth(perLine) + 2) * lines0 + 32);
  const groupAfterLast = perLine % 8 !== 0;
  let pos = 0;
  let lines = 0;
  let squeezing = false;

  for (let start = 0; start < bytes.length; start += perLine) {
    const end = Math.min(start + perLine, bytes.length);
    // Like hexdump, only full lines equal to their predecessor are squeezed.
    if (
      options.squeeze &&
      start > 0 &&
      end - start === perLine &&
      sameLine(bytes, start, start - perLine, perLine)
    ) {
      if (!squeezing) {
        out[pos++] = 0x2a; // '*'
        out[pos++] = NEWLINE;
        squeezing = true;
      }
      continue;
    }
    squeezing = false;
    pos = writeOffset(out, pos, base + start, digits);
    out[pos++] = SPACE;
    out[pos++] = SPACE;
    if (perLine === 16 && end - start === 16) {
      // The common case, unrolled: a full 16-byte line with no padding checks.
      for (let at = start; at < start + 16; at++) {
        const b = bytes[at]!;
        out[pos] = digits[b >> 4]!;
        out[pos + 1] = digits[b & 15]!;
        out[pos + 2] = SPACE;
        pos += at - start === 7 ? ((out[pos + 3] = SPACE), 4) : 3;
      }
      out[pos++] = SPACE;
    } else {
      for (let i = 0; i < perLine; i++) {
        const at = start + i;
        if (at < end) {
          const b = bytes[at]!;
          out[pos++] = digits[b >> 4]!;
          out[pos++] = digits[b & 15]!;
        } else {
          out[pos++] = SPACE;
          out[pos++] = SPACE;
        }
        out[pos++] = SPACE;
        if ((i & 7) === 7) out[pos++] = SPACE;
      }
      if (groupAfterLast) out[pos++] = SPACE;
    }
    out[pos++] = BAR;
    for (let at = start; at < end; at++) out[pos++] = PRINTABLE[bytes[at]!]!;
    out[pos++] = BAR;
    out[pos++] = NEWLINE;
    if (++lines === LINES_PER_BLOCK) {
      yield ascii.decode(out.subarray(0, pos));
      pos = 0;
      lines = 0;
    }
  }
  // hexdump ends with the offset just past the data, and prints nothing at all for no data.
  if (bytes.length === 0) return;
  pos = writeOffset(out, pos, base + bytes.length, digits);
  out[pos++] = NEWLINE;
  yield ascii.decode(out.subarray(0, pos));
}

/**
 * `hexdump -C` output for `bytes`, byte for byte (with `squeeze: true`; by
 * default every line is printed, as `hexdump -C -v`), ending with a line
 * holding the offset just past the data. Empty input gives an empty string.
 */
export function hexdump(bytes: Uint8Array, options: HexdumpOptions = {}): string {
  return Array.from(hexdumpBlocks(bytes, options)).join('');
}

/** The number of rows {@link hexdumpRow} can produce for `length` bytes. */
export function hexdumpRowCount(length: number, bytesPerLine = 16): number {
  return Math.ceil(length / checkPerLine(bytesPerLine));
}

/** Row `index` of the dump, built on demand so a view only formats what it shows. */
export function hexdumpRow(
  bytes: Uint8Array,
  index: number,
  options: HexdumpOptions = {},
): HexdumpRow {
  const perLine = checkPerLine(options.bytesPerLine ?? 16);
  const table = options.uppercase ? HEX2_UPPER : HEX2_LOWER;
  const start = index * perLine;
  const end = Math.min(start + perLine, bytes.length);
  // A row is at most a few dozen strings; joining an array is the fast path here.
  const hex: string[] = [];
  const text: string[] = [];
  for (let at = start; at < end; at++) {
    const b = bytes[at]!;
    hex.push(at > start && (at - start) % 8 === 0 ? ' ' + table[b]! : table[b]!);
    text.push(ASCII_CHAR[b]!);
  }
  return { offset: (options.offset ?? 0) + start, hex: hex.join(' '), ascii: text.join('') };
}

/** All rows of the dump (no squeezing), for small inputs such as one message. */
export function hexdumpRows(bytes: Uint8Array, options: HexdumpOptions = {}): HexdumpRow[] {
  const count = hexdumpRowCount(bytes.length, options.bytesPerLine ?? 16);
  const rows: HexdumpRow[] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = hexdumpRow(bytes, i, options);
  return rows;
}

/**
 * Where the byte at `column` of a row starts and ends within {@link HexdumpRow.hex},
 * so a selection in the ASCII column can be mirrored in the hex column.
 */
export function hexColumnSpan(column: number): { start: number; end: number } {
  const start = column * 3 + Math.floor(column / 8);
  return { start, end: start + 2 };
}

/** The byte column under character `char` of {@link HexdumpRow.hex} (a gap maps to the byte before it). */
export function hexColumnAt(char: number): number {
  // Each group of 8 bytes is 8 * 3 + 1 = 25 characters wide, including the group gap.
  const group = Math.floor(char / 25);
  const within = Math.min(Math.floor((char % 25) / 3), 7);
  return group * 8 + within;
}

/** Short upper-case hex for a table cell: `48 65 6C …` past `maxBytes`. */
export function hexPreview(bytes: Uint8Array, maxBytes = 16): string {
  const n = Math.min(bytes.length, maxBytes);
  const parts: string[] = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = HEX2_UPPER[bytes[i]!]!;
  const text = parts.join(' ');
  return bytes.length > n ? `${text} …` : text;
}

/** Short ASCII for a table cell: printable ASCII, `.` for others, `…` past `maxBytes`. */
export function asciiPreview(bytes: Uint8Array, maxBytes = 32): string {
  const n = Math.min(bytes.length, maxBytes);
  const text = ascii.decode(
    bytes.length === n ? mapPrintable(bytes) : mapPrintable(bytes.subarray(0, n)),
  );
  return bytes.length > n ? `${text}…` : text;
}

function mapPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = PRINTABLE[bytes[i]!]!;
  return out;
}
