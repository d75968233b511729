import { encodeText } from '../../shared/payload/encodings';
import { parseHex } from '../../shared/payload/hex-parse';
import type { LogFilter } from '../store/store';

/** A byte range [start, end) of a row's bytes that the pattern matched. */
export type Span = [number, number];

/** Marks found in one row's drawn bytes, so a screenful costs nothing. */
const MAX_SPANS = 16;

/**
 * What the Messages view marks in the few bytes it draws of each row: the
 * filter bar's pattern, found here in those bytes only (main finds and
 * filters over the whole capture; this is how a drawn row shows why it
 * matched). Null when there is no pattern, or main refused it.
 */
export function rowHighlighter(f: LogFilter): ((data: Uint8Array) => Span[]) | null {
  if (f.pattern === '') return null;
  if (f.kind === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(f.pattern, 'g');
    } catch {
      return null;
    }
    return (data) => {
      // Each byte as the code point of the same value, so a match index is a byte offset.
      const text = String.fromCharCode(...data);
      const out: Span[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m && out.length < MAX_SPANS; m = re.exec(text)) {
        if (m[0].length === 0) re.lastIndex++;
        else out.push([m.index, m.index + m[0].length]);
      }
      return out;
    };
  }
  const parsed = f.kind === 'hex' ? parseHex(f.pattern) : encodeText(f.pattern, 'utf-8');
  if (!parsed.ok || parsed.bytes.length === 0) return null;
  const needle = parsed.bytes;
  return (data) => {
    const out: Span[] = [];
    for (let i = 0; i + needle.length <= data.length && out.length < MAX_SPANS; i++) {
      let k = 0;
      while (k < needle.length && data[i + k] === needle[k]) k++;
      if (k === needle.length) {
        out.push([i, i + needle.length]);
        i += needle.length - 1;
      }
    }
    return out;
  };
}
