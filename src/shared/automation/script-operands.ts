import type { PayloadSpec } from '../payload/payload-spec';
import { problem } from './automation-errors';
import { checkPayloadSource } from './captures';
import { compileHexPattern } from './hex-pattern';
import { applyOptions, type OptionToken } from './payload-options';
import { DEFAULT_WITHIN_MS, MAX_TIME_MS, type ExpectPattern } from './script-ast';
import type { LineContext } from './script-line-context';
import {
  commentStart,
  readRegexLiteral,
  skipSpace,
  trailingClauses,
  trimEnd,
  unescapeHashes,
  type Clauses,
  type Word,
} from './script-lines';

/**
 * What follows a statement's keywords: a payload with its options, a hex
 * pattern, a regex literal, `within MS`, a number. Each reader reports its
 * problems on the line and returns null when the statement cannot stand.
 */

const REGEX_FLAGS = 'ims';

export function reportMissing(ctx: LineContext, keyword: Word, mode: Word): void {
  const statement = `${keyword.text.toLowerCase()} ${mode.text.toLowerCase()}`;
  ctx.report(keyword.start, mode.end, problem('payload-missing', { statement }));
}

/** The payload of `send`/`expect text` (text or hex), with its options applied. */
export function readPayload(
  ctx: LineContext,
  keyword: Word,
  mode: Word,
  clauses: Clauses,
): PayloadSpec | null {
  const text = ctx.text;
  const start = skipSpace(text, mode.end);
  if (clauses.end <= start) {
    reportMissing(ctx, keyword, mode);
    return null;
  }
  const m = mode.text.toLowerCase() === 'hex' ? 'hex' : 'text';
  const raw = unescapeHashes(text, start, clauses.end);
  const source = m === 'text' ? raw.text : text.slice(start, clauses.end);
  const { spec, problems } = applyOptions(m, source, clauses.options);
  for (const p of problems) ctx.report(p.start, p.end, p);
  const issues = checkPayloadSource(spec);
  const at = (k: number): number => (m === 'text' ? (raw.map[k] ?? clauses.end) : start + k);
  for (const i of issues.slice(0, 10)) {
    const p = problem('payload-invalid', { reason: i.message });
    ctx.report(at(i.start), i.end > i.start ? at(i.end) : at(i.start) + 1, p);
  }
  return problems.length === 0 && issues.length === 0 ? spec : null;
}

export function readHexPattern(
  ctx: LineContext,
  keyword: Word,
  mode: Word,
  clauses: Clauses,
): ExpectPattern | null {
  const start = skipSpace(ctx.text, mode.end);
  if (clauses.end <= start) {
    reportMissing(ctx, keyword, mode);
    return null;
  }
  const ok = noOptions(ctx, 'expect hex', clauses.options);
  const pattern = ctx.text.slice(start, clauses.end);
  const compiled = compileHexPattern(pattern);
  if (!compiled.ok)
    for (const p of compiled.problems) ctx.report(start + p.start, start + p.end, p);
  return ok && compiled.ok ? { as: 'hex', pattern } : null;
}

/** `/source/flags` and what may follow it; `end` is where the statement's text ends. */
export function readRegex(
  ctx: LineContext,
  keyword: Word,
  mode: Word,
): { pattern: ExpectPattern | null; clauses: Clauses | null; end: number } {
  const text = ctx.text;
  const at = skipSpace(text, mode.end);
  const contentEnd = trimEnd(text, at, commentStart(text, at));
  const fail = { pattern: null, clauses: null, end: contentEnd };
  if (text[at] !== '/') {
    if (at >= contentEnd) reportMissing(ctx, keyword, mode);
    else ctx.report(at, contentEnd, problem('regex-slash-missing', {}));
    return fail;
  }
  const literal = readRegexLiteral(text, at);
  if (!literal.ok) {
    ctx.report(at, trimEnd(text, at, literal.end), problem('regex-unterminated', {}));
    return fail;
  }
  let ok = true;
  const flags = literal.flags.text;
  for (let k = 0; k < flags.length; k++) {
    const flag = flags[k] as string;
    if (!REGEX_FLAGS.includes(flag) || flags.indexOf(flag) !== k) {
      const start = literal.flags.start + k;
      ctx.report(start, start + 1, problem('regex-flag-unknown', { flag }));
      ok = false;
    }
  }
  if (literal.source.length === 0) {
    ctx.report(at, literal.end, problem('payload-missing', { statement: 'expect regex' }));
    ok = false;
  } else if (ok) {
    try {
      new RegExp(literal.source, flags);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      ctx.report(at, literal.end, problem('regex-invalid', { detail }));
      ok = false;
    }
  }
  const end = trimEnd(text, literal.end, commentStart(text, literal.end));
  const clauses = trailingClauses(text, literal.end, end, true);
  if (clauses.end > literal.end) {
    const from = skipSpace(text, literal.end);
    ctx.report(
      from,
      clauses.end,
      problem('text-unexpected', { text: text.slice(from, clauses.end) }),
    );
    ok = false;
  }
  if (!noOptions(ctx, 'expect regex', clauses.options)) ok = false;
  const pattern: ExpectPattern | null = ok ? { as: 'regex', source: literal.source, flags } : null;
  return { pattern, clauses, end };
}

export function noOptions(ctx: LineContext, statement: string, options: OptionToken[]): boolean {
  for (const o of options)
    ctx.report(o.start, o.end, problem('options-not-allowed', { statement, option: o.text }));
  return options.length === 0;
}

/** The `within` time in ms (the default when absent). */
export function readWithin(ctx: LineContext, clauses: Clauses): number | null {
  const w = clauses.within;
  if (!w) return DEFAULT_WITHIN_MS;
  if (!w.value) {
    const p = problem('number-missing', { statement: 'within' });
    ctx.report(w.keyword.start, w.keyword.end, p);
    return null;
  }
  return readNumber(ctx, w.value, 'within', 1, MAX_TIME_MS);
}

export function readNumber(
  ctx: LineContext,
  word: Word,
  what: 'wait' | 'repeat' | 'within',
  min: number,
  max: number,
): number | null {
  const value = /^\d{1,9}$/.test(word.text) ? Number(word.text) : NaN;
  if (value >= min && value <= max) return value;
  const params = { text: word.text, min, max };
  const p =
    what === 'wait'
      ? problem('wait-invalid', params)
      : what === 'repeat'
        ? problem('repeat-invalid', params)
        : problem('within-invalid', params);
  ctx.report(word.start, word.end, p);
  return null;
}

/** True when nothing but a comment follows `at`; else reports what does. */
export function nothingAfter(ctx: LineContext, at: number): boolean {
  const from = skipSpace(ctx.text, at);
  const end = trimEnd(ctx.text, from, commentStart(ctx.text, from));
  if (end <= from) return true;
  ctx.report(from, end, problem('text-unexpected', { text: ctx.text.slice(from, end) }));
  return false;
}
