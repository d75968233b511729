import { problem, type AutomationProblem } from './automation-errors';

/**
 * How automation turns a rule's or an expect's regex into a RegExp. The
 * default checks the syntax only (what the window needs to mark a mistake);
 * the main process passes one that refuses a regex that could backtrack
 * for ever on a hostile message (engine/automation/linear-regex.ts), since
 * a regex there runs on whatever a peer sends, on the socket's thread.
 */
export type RegexResult = { ok: true; re: RegExp } | { ok: false; problem: AutomationProblem };
export type RegexMaker = (source: string, flags: string) => RegexResult;

export const plainRegex: RegexMaker = (source, flags) => {
  try {
    return { ok: true, re: new RegExp(source, flags) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: problem('regex-invalid', { detail }) };
  }
};

/** A regex looks at no more than this much of a message (decoded from its first bytes). */
export const MAX_REGEX_INPUT_BYTES = 1024 * 1024;

const isUpper = (c: string): boolean => c >= 'A' && c <= 'Z';
const isLower = (c: string): boolean => c >= 'a' && c <= 'z';
const isLetter = (c: string): boolean => isUpper(c) || isLower(c);
const swap = (c: string): string => (isUpper(c) ? c.toLowerCase() : c.toUpperCase());

/** The length of the escape at `i` (a backslash and what it takes), so it is copied whole. */
function escapeLength(s: string, i: number): number {
  const next = s[i + 1];
  if (next === undefined) return 1;
  if (next === 'c' && isLetter(s[i + 2] ?? '')) return 3;
  if (next === 'x') return 4;
  // Without the u flag (never given here) `\u{62}` is `u` sixty-two times, not an escape.
  if (next === 'u') return /^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6)) ? 6 : 2;
  if ((next === 'k' || next === 'p' || next === 'P') && (s[i + 2] === '<' || s[i + 2] === '{')) {
    const close = s.indexOf(s[i + 2] === '<' ? '>' : '}', i);
    return close < 0 ? 2 : close - i + 1;
  }
  return 2;
}

/** The other case of a letter written as \xHH or \uHHHH, as `\xHH`; else ''. */
function escapedOtherCase(escape: string): string {
  const m = /^\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4}))$/.exec(escape);
  if (!m) return '';
  const c = String.fromCharCode(parseInt(m[1] ?? m[2] ?? '', 16));
  if (!isLetter(c)) return '';
  return `\\x${swap(c).charCodeAt(0).toString(16).toUpperCase()}`;
}

/** The case-swapped parts of a range lo-hi that fall on ASCII letters. */
function swappedRanges(lo: string, hi: string): string {
  const out: string[] = [];
  for (const [a, z] of [
    ['a', 'z'],
    ['A', 'Z'],
  ] as const) {
    const from = lo > a ? lo : a;
    const to = hi < z ? hi : z;
    if (from <= to) out.push(`${swap(from)}-${swap(to)}`);
  }
  return out.join('');
}

/**
 * The regex `source` made case-insensitive for ASCII letters without the
 * `i` flag (which V8's linear-time engine does not support): `a` becomes
 * `[aA]`, a class gains the other case of its letters and letter ranges.
 * Escapes, group names and everything else stay as written.
 */
export function foldAsciiCase(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const n = escapeLength(source, i);
      const escape = source.slice(i, i + n);
      const other = escapedOtherCase(escape);
      // Inside a class the other case joins it; outside, the two make a class.
      out += other === '' ? escape : inClass ? escape + other : `[${escape}${other}]`;
      i += n - 1;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
        continue;
      }
      const hi = source[i + 2];
      if (source[i + 1] === '-' && hi !== undefined && hi !== ']' && hi !== '\\' && hi >= c) {
        out += `${c}-${hi}${swappedRanges(c, hi)}`;
        i += 2;
        continue;
      }
      out += isLetter(c) ? c + swap(c) : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === '(' && source.startsWith('?<', i + 1) && !'=!'.includes(source[i + 3] ?? '')) {
      const close = source.indexOf('>', i);
      const end = close < 0 ? source.length : close + 1;
      out += source.slice(i, end);
      i = end - 1;
      continue;
    }
    out += isLetter(c) ? `[${c}${swap(c)}]` : c;
  }
  return out;
}
