import { decodeText, encodeText, type TextEncodingName } from '../payload/encodings';
import { encodeTextPayload } from '../payload/escapes';
import { problem, type AutomationProblem } from './automation-errors';
import { checkPayloadSource, type Captures } from './captures';
import { compileHexPattern, matchHexPattern } from './hex-pattern';
import { MAX_REGEX_INPUT_BYTES, plainRegex, type RegexMaker } from './regex-maker';
import type { AutoReplyRule } from './rule-spec';

/**
 * A rule made ready to run: its match compiled once, its reply checked.
 * A rule that cannot compile says why, and where in which field, so the UI
 * can mark it in place.
 */

export type MessageMatcher = (message: Uint8Array) => Captures | null;

export interface RuleProblem {
  field: 'match' | 'reply';
  problem: AutomationProblem;
  /** Offsets in the field's text, when the problem has a place. */
  start?: number;
  end?: number;
}

export type CompiledRule =
  | { ok: true; rule: AutoReplyRule; match: MessageMatcher }
  | ({ ok: false; rule: AutoReplyRule } & RuleProblem);

/** `makeRegex` decides which regexes may run (the main process refuses unbounded ones). */
export function compileRule(
  rule: AutoReplyRule,
  encoding: TextEncodingName,
  makeRegex: RegexMaker = plainRegex,
): CompiledRule {
  const matched = compileMatch(rule, encoding, makeRegex);
  if ('field' in matched) return { ok: false, rule, ...matched };
  const issue = checkPayloadSource(rule.reply)[0];
  if (issue) {
    const p = problem('rule-reply-invalid', { reason: issue.message });
    return { ok: false, rule, field: 'reply', problem: p, start: issue.start, end: issue.end };
  }
  return { ok: true, rule, match: matched.match };
}

function compileMatch(
  rule: AutoReplyRule,
  encoding: TextEncodingName,
  makeRegex: RegexMaker,
): { match: MessageMatcher } | RuleProblem {
  const empty = (): RuleProblem => ({
    field: 'match',
    problem: problem('rule-match-empty', { matchAs: rule.matchAs }),
  });
  switch (rule.matchAs) {
    case 'any':
      return { match: (m) => ({ numbered: [m], named: {} }) };
    case 'text':
    case 'exact': {
      const r = encodeTextPayload(rule.match, { encoding, escapes: true });
      if (!r.ok) {
        const i = r.issues[0];
        if (!i) return empty();
        const p = problem('rule-match-invalid', { reason: i.message });
        return { field: 'match', problem: p, start: i.start, end: i.end };
      }
      const want = r.bytes;
      if (want.length === 0) return empty();
      if (rule.matchAs === 'exact')
        return { match: (m) => (sameBytes(m, want) ? { numbered: [m], named: {} } : null) };
      return {
        match: (m) => {
          const at = indexOfBytes(m, want);
          return at < 0 ? null : { numbered: [m.subarray(at, at + want.length)], named: {} };
        },
      };
    }
    case 'regex': {
      if (rule.match.length === 0) return empty();
      const made = makeRegex(rule.match, rule.flags);
      if (!made.ok) return { field: 'match', problem: made.problem };
      const re = made.re;
      return {
        match: (m) =>
          regexCaptures(re, decodeText(m.subarray(0, MAX_REGEX_INPUT_BYTES), encoding), encoding),
      };
    }
    case 'hex': {
      const compiled = compileHexPattern(rule.match);
      if (!compiled.ok) {
        const p = compiled.problems[0];
        if (!p) return empty();
        const { start, end, ...rest } = p;
        return { field: 'match', problem: rest, start, end };
      }
      const pattern = compiled.pattern;
      return {
        match: (m) => {
          const r = matchHexPattern(pattern, m);
          return r && { numbered: r.groups, named: {} };
        },
      };
    }
  }
}

/** A regex match's groups as bytes in the connection's encoding (unset groups: empty). */
export function regexCaptures(
  re: RegExp,
  text: string,
  encoding: TextEncodingName,
): Captures | null {
  const m = re.exec(text);
  return m && capturesOf(m, encoding);
}

export function capturesOf(m: RegExpExecArray, encoding: TextEncodingName): Captures {
  const numbered = Array.from(m, (g) => textBytes(g ?? '', encoding));
  const named: Record<string, Uint8Array> = {};
  for (const [name, g] of Object.entries(m.groups ?? {}))
    named[name] = textBytes(g ?? '', encoding);
  return { numbered, named };
}

/**
 * Text a regex captured, as bytes again. Decoding was lossless for valid
 * input, so this gives back the received bytes; where the message was not
 * valid in its encoding the replacement character is sent as UTF-8.
 */
export function textBytes(text: string, encoding: TextEncodingName): Uint8Array {
  const r = encodeText(text, encoding);
  if (r.ok) return r.bytes;
  const utf8 = encodeText(text, 'utf-8');
  return utf8.ok ? utf8.bytes : new Uint8Array(0);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where `needle` first occurs in `hay` at or after `from`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from <= hay.length ? from : -1;
  const first = needle[0] as number;
  const last = hay.length - needle.length;
  outer: for (
    let i = hay.indexOf(first, from);
    i >= 0 && i <= last;
    i = hay.indexOf(first, i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
