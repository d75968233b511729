import type { Direction } from '../../../shared/contract';
import type { Message } from '../../../shared/framing/message-framer';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';

/** The peer filter's value for "every peer". */
export const ALL_PEERS = '*';

export type PatternKind = 'text' | 'hex' | 'regex';

/** What the person asked the log to show or find; compiled by compileFilter. */
export interface LogFilter {
  dir: Direction | 'all';
  peerId: string;
  kind: PatternKind;
  pattern: string;
  /** Hide the rows the pattern does not match (otherwise they are only highlighted). */
  onlyMatches: boolean;
}

/** A byte range [start, end) of a message that the pattern matched. */
export type Span = [number, number];

/** The most bytes of one message a regular expression looks at (a 64 MiB frame would stall the window). */
const REGEX_SCAN_BYTES = 1024 * 1024;
/** The most highlighted spans reported per message. */
const MAX_SPANS = 256;

export interface CompiledFilter {
  /** True when the direction and peer filters let the message through. */
  admits(m: Message): boolean;
  /** Null when there is no pattern. */
  find: ((data: Uint8Array, limit?: number) => Span[]) | null;
  /** The rows the view hides (dir/peer, or non-matching when "only matches"). */
  hides: boolean;
  onlyMatches: boolean;
  /** A sentence when the pattern is not valid (the filter then matches nothing). */
  error: MessageRef | null;
}

function bytesFind(needle: Uint8Array) {
  return (data: Uint8Array, limit = MAX_SPANS): Span[] => {
    const out: Span[] = [];
    if (needle.length === 0) return out;
    let i = data.indexOf(needle[0]!);
    while (i >= 0 && i + needle.length <= data.length && out.length < limit) {
      let k = 1;
      while (k < needle.length && data[i + k] === needle[k]) k++;
      if (k === needle.length) {
        out.push([i, i + needle.length]);
        i = data.indexOf(needle[0]!, i + needle.length);
      } else i = data.indexOf(needle[0]!, i + 1);
    }
    return out;
  };
}

/** "0d 0a", "0x0D,0x0A", "0D0A" → bytes; the message saying why when it is not hex. */
export function parseHexPattern(text: string): Uint8Array | MessageRef {
  const digits = text.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  const bad = /[^0-9A-Fa-f]/.exec(digits);
  if (bad) return msg('hex.bad-digit', { char: bad[0] });
  if (digits.length % 2 === 1) return msg('hex.odd-digits', { count: digits.length });
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Each byte as the code point of the same value, so a match index is a byte offset. */
function latin1(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i += 8192) {
    s += String.fromCharCode(...data.subarray(i, Math.min(data.length, i + 8192)));
  }
  return s;
}

function regexFind(re: RegExp) {
  return (data: Uint8Array, limit = MAX_SPANS): Span[] => {
    const text = latin1(data.subarray(0, REGEX_SCAN_BYTES));
    const out: Span[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push([m.index, m.index + m[0].length]);
    }
    return out;
  };
}

export function compileFilter(f: LogFilter): CompiledFilter {
  const dir = f.dir;
  const peer = f.peerId;
  const admits = (m: Message) =>
    (dir === 'all' || m.dir === dir) && (peer === ALL_PEERS || m.peerId === peer);
  let find: CompiledFilter['find'] = null;
  let error: MessageRef | null = null;
  if (f.pattern !== '') {
    if (f.kind === 'text') find = bytesFind(new TextEncoder().encode(f.pattern));
    else if (f.kind === 'hex') {
      const parsed = parseHexPattern(f.pattern);
      if (parsed instanceof Uint8Array) find = bytesFind(parsed);
      else error = parsed;
    } else {
      try {
        find = regexFind(new RegExp(f.pattern, 'g'));
      } catch (e) {
        error = msg('search.bad-regex', { detail: (e as Error).message });
      }
    }
  }
  if (error) find = () => [];
  const onlyMatches = f.onlyMatches && find !== null;
  return {
    admits,
    find,
    onlyMatches,
    hides: dir !== 'all' || peer !== ALL_PEERS || onlyMatches,
    error,
  };
}
