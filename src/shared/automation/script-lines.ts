import type { OptionToken } from './payload-options';

/**
 * The lexical layer of the script language, one line at a time: words,
 * comments, a regex literal, and the clauses that end a statement. Offsets
 * are 0-based UTF-16 indices into the line.
 */

export interface Word {
  text: string;
  start: number;
  end: number;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Lines as Monaco counts them: \r\n, \n and a lone \r each end one. */
export function splitLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

export function skipSpace(line: string, at: number): number {
  while (isSpace(line[at])) at++;
  return at;
}

/** The end of [start, end) with trailing spaces dropped. */
export function trimEnd(line: string, start: number, end: number): number {
  while (end > start && isSpace(line[end - 1])) end--;
  return end;
}

/** The word at `at` (after spaces), up to a space or a `#`; null at the end or at a comment. */
export function readWord(line: string, at: number): Word | null {
  const start = skipSpace(line, at);
  let end = start;
  while (end < line.length && !isSpace(line[end]) && line[end] !== '#') end++;
  return end > start ? { text: line.slice(start, end), start, end } : null;
}

/** Where the comment starts (the first `#` not right after a backslash), or the line's length. */
export function commentStart(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '#') return i;
  }
  return line.length;
}

/** The last word of [start, end), words split at spaces only. */
function lastWord(line: string, start: number, end: number): Word | null {
  const wordEnd = trimEnd(line, start, end);
  let wordStart = wordEnd;
  while (wordStart > start && !isSpace(line[wordStart - 1])) wordStart--;
  return wordEnd > wordStart
    ? { text: line.slice(wordStart, wordEnd), start: wordStart, end: wordEnd }
    : null;
}

export interface Clauses {
  /** Where what precedes the clauses ends (trailing spaces dropped). */
  end: number;
  options: OptionToken[];
  /** `within` and its value (null when the number is missing). */
  within: { keyword: Word; value: Word | null } | null;
}

/**
 * Reads, from the end of [start, end) backwards, the `+option` words and at
 * most one `within N`. `within` counts as the clause only when it is last or
 * is followed by something that starts like a number, so text such as
 * "ready within reach" stays text.
 */
export function trailingClauses(
  line: string,
  start: number,
  end: number,
  allowWithin: boolean,
): Clauses {
  const options: OptionToken[] = [];
  let within: Clauses['within'] = null;
  let cut = trimEnd(line, start, end);
  for (;;) {
    const w = lastWord(line, start, cut);
    if (!w) break;
    if (w.text.length > 1 && w.text.startsWith('+')) {
      options.unshift({ text: w.text.slice(1), start: w.start, end: w.end });
      cut = trimEnd(line, start, w.start);
      continue;
    }
    if (allowWithin && within === null) {
      if (w.text.toLowerCase() === 'within') {
        within = { keyword: w, value: null };
        cut = trimEnd(line, start, w.start);
        continue;
      }
      const before = lastWord(line, start, w.start);
      if (before && before.text.toLowerCase() === 'within' && /^[-+0-9]/.test(w.text)) {
        within = { keyword: before, value: w };
        cut = trimEnd(line, start, before.start);
        continue;
      }
    }
    break;
  }
  return { end: cut, options, within };
}

export type RegexLiteral =
  { ok: true; source: string; flags: Word; end: number } | { ok: false; end: number };

/**
 * The `/…/flags` starting at `at` (which holds the `/`). As in JavaScript, a
 * `\` escapes the next character and a `/` inside `[…]` does not close it.
 */
export function readRegexLiteral(line: string, at: number): RegexLiteral {
  let inClass = false;
  for (let i = at + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let f = i + 1;
      while (f < line.length && /[A-Za-z]/.test(line[f] as string)) f++;
      const flags = { text: line.slice(i + 1, f), start: i + 1, end: f };
      return { ok: true, source: line.slice(at + 1, i), flags, end: f };
    }
  }
  return { ok: false, end: line.length };
}

export interface Unescaped {
  text: string;
  /** map[k]: the line offset of text[k]; map[text.length]: the end of the raw piece. */
  map: number[];
}

/** A payload as the editor sees it: the script's `\#` becomes `#`; all else is kept as typed. */
export function unescapeHashes(line: string, start: number, end: number): Unescaped {
  const out: string[] = [];
  const map: number[] = [];
  for (let i = start; i < end; i++) {
    map.push(i);
    if (line[i] === '\\' && line[i + 1] === '#' && i + 1 < end) {
      out.push('#');
      i++;
    } else if (line[i] === '\\' && i + 1 < end) {
      // A backslash and what it escapes stay together, so `\\#` is `\\` then a comment.
      out.push('\\', line[i + 1] as string);
      map.push(i + 1);
      i++;
    } else out.push(line[i] as string);
  }
  map.push(end);
  return { text: out.join(''), map };
}
