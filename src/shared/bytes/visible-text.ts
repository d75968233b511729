/**
 * Bytes as text for the Text view, where nothing may be invisible: a NUL, an
 * ESC or a right-to-left override in a device's reply is exactly what a user
 * is hunting for, so every such character is shown as an escape (`\x00`,
 * `\x1B`, `\u{202E}`) instead of vanishing or reordering the line.
 */

/** How line ends are shown. */
export type NewlineStyle =
  /** `\n` and `\r\n` become real line breaks; a lone `\r` is shown as `\r`. */
  | 'break'
  /** Line ends are escapes on one line (`\r\n`). */
  | 'escape'
  /** The escape is shown, followed by a real line break. */
  | 'mark';

export interface VisibleTextOptions {
  /**
   * A WHATWG encoding label (`utf-8`, `utf-16le`, `utf-16be`, `gbk`, `gb18030`,
   * `big5`, `shift_jis`, ...). `latin1` / `iso-8859-1` mean true ISO-8859-1
   * here (each byte its own code point), not the windows-1252 that
   * TextDecoder substitutes for those labels.
   */
  encoding?: string;
  newlines?: NewlineStyle;
  /** Keep tabs as tabs (default) rather than showing `\t`. */
  keepTabs?: boolean;
}

/** A run of the output: plain text, or one escape a view may style differently. */
export interface TextRun {
  text: string;
  escape: boolean;
}

const HEX = '0123456789ABCDEF';
const byteEscape = (b: number): string => `\\x${HEX[b >> 4]}${HEX[b & 15]}`;

/** Characters that render as nothing or change the layout of their neighbours. */
function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb)
  );
}

function codePointEscape(cp: number): string {
  if (cp === 0x09) return '\\t';
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp <= 0xff) return byteEscape(cp);
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/**
 * The length of the valid UTF-8 sequence at `i` (1–4), or 0 when the byte at
 * `i` does not start one (WHATWG rules: no overlongs, surrogates or code
 * points past U+10FFFF).
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + need >= bytes.length) return 0;
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k <= need; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return need + 1;
}

/** Collects runs, merging neighbours of the same kind so a view renders few spans. */
class RunBuilder {
  readonly runs: TextRun[] = [];
  private plain: string[] = [];

  text(s: string): void {
    this.plain.push(s);
  }

  escape(s: string): void {
    this.endPlain();
    const last = this.runs[this.runs.length - 1];
    if (last?.escape) last.text += s;
    else this.runs.push({ text: s, escape: true });
  }

  done(): TextRun[] {
    this.endPlain();
    return this.runs;
  }

  private endPlain(): void {
    if (this.plain.length === 0) return;
    this.runs.push({ text: this.plain.join(''), escape: false });
    this.plain = [];
  }
}

/** Shows one decoded character, handling line ends and tabs per the options. */
function emitChar(
  out: RunBuilder,
  cp: number,
  next: number | undefined,
  newlines: NewlineStyle,
  keepTabs: boolean,
): void {
  if (cp === 0x0a || (cp === 0x0d && next !== 0x0a)) {
    if (cp === 0x0d && newlines === 'break') out.escape('\\r');
    else if (newlines === 'break') out.text('\n');
    else {
      out.escape(codePointEscape(cp));
      if (newlines === 'mark') out.text('\n');
    }
  } else if (cp === 0x0d) {
    // The CR of a CR LF: shown with the LF that follows, or not at all.
    if (newlines !== 'break') out.escape('\\r');
  } else if (cp === 0x09 && keepTabs) out.text('\t');
  else if (isInvisible(cp)) out.escape(codePointEscape(cp));
  else out.text(String.fromCodePoint(cp));
}

/** Decodes UTF-8 by hand so an invalid byte shows as `\xNN`, not as a lost U+FFFD. */
function utf8Runs(bytes: Uint8Array, out: RunBuilder, nl: NewlineStyle, tabs: boolean): void {
  const decoder = new TextDecoder('utf-8');
  let i = 0;
  while (i < bytes.length) {
    // Fast path: a run of printable ASCII is one slice.
    let j = i;
    while (j < bytes.length && bytes[j]! >= 0x20 && bytes[j]! < 0x7f) j++;
    if (j > i) {
      out.text(decoder.decode(bytes.subarray(i, j)));
      i = j;
      continue;
    }
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out.escape(byteEscape(bytes[i]!));
      i++;
      continue;
    }
    emitChar(out, utf8CodePoint(bytes, i, len), bytes[i + len], nl, tabs);
    i += len;
  }
}

/** The code point of a sequence already validated by {@link utf8SequenceLength}. */
export function utf8CodePoint(bytes: Uint8Array, i: number, len: number): number {
  const b0 = bytes[i]!;
  if (len === 1) return b0;
  let cp = b0 & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
  return cp;
}

function latin1Runs(bytes: Uint8Array, out: RunBuilder, nl: NewlineStyle, tabs: boolean): void {
  for (let i = 0; i < bytes.length; i++) emitChar(out, bytes[i]!, bytes[i + 1], nl, tabs);
}

function decoderFor(encoding: string) {
  try {
    return new TextDecoder(encoding);
  } catch {
    throw new RangeError(`"${encoding}" is not a text encoding this view knows`);
  }
}

/** Any other encoding: TextDecoder, then escape what it produced. */
function decodedRuns(
  bytes: Uint8Array,
  encoding: string,
  out: RunBuilder,
  nl: NewlineStyle,
  tabs: boolean,
): void {
  const decoder = decoderFor(encoding);
  // A UTF-16 stream cut after an odd byte: show the odd byte rather than U+FFFD.
  const wide = decoder.encoding.startsWith('utf-16');
  const whole = wide && bytes.length % 2 === 1 ? bytes.subarray(0, bytes.length - 1) : bytes;
  const text = decoder.decode(whole);
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const step = cp > 0xffff ? 2 : 1;
    emitChar(out, cp, text.codePointAt(i + step), nl, tabs);
    i += step;
  }
  if (whole !== bytes) out.escape(byteEscape(bytes[bytes.length - 1]!));
}

/** The text as runs of plain text and escapes, for a view that styles escapes. */
export function visibleTextRuns(bytes: Uint8Array, options: VisibleTextOptions = {}): TextRun[] {
  const encoding = (options.encoding ?? 'utf-8').trim().toLowerCase();
  const nl = options.newlines ?? 'break';
  const tabs = options.keepTabs ?? true;
  const out = new RunBuilder();
  if (encoding === 'utf-8' || encoding === 'utf8') utf8Runs(bytes, out, nl, tabs);
  else if (encoding === 'latin1' || encoding === 'iso-8859-1') latin1Runs(bytes, out, nl, tabs);
  else decodedRuns(bytes, encoding, out, nl, tabs);
  return out.done();
}

/**
 * The bytes decoded in `encoding`, with every control or invisible character
 * shown as an escape (`\x00`, `\x1B`, `\u{200B}`) and line ends per `newlines`.
 * Backslashes are left alone: this is for reading, not for a round trip (see
 * copy-formats for an exact escaped form).
 */
export function visibleText(bytes: Uint8Array, options: VisibleTextOptions = {}): string {
  const runs = visibleTextRuns(bytes, options);
  let text = '';
  for (const run of runs) text += run.text;
  return text;
}
