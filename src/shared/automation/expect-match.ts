import type { ComposeContext } from '../payload/compose';
import { decodeText, encodeText, type TextEncodingName } from '../payload/encodings';
import type { AutomationProblem } from './automation-errors';
import { composeWithCaptures, type Captures } from './captures';
import { compileHexPattern, searchHexPattern } from './hex-pattern';
import { formatOptions } from './payload-options';
import { plainRegex, type RegexMaker } from './regex-maker';
import { capturesOf, indexOfBytes } from './rule-match';
import type { ExpectPattern } from './script-ast';

/**
 * A sequence's `expect`, made ready against the bytes received so far. Each
 * kind looks for its pattern anywhere in those bytes (text: the composed
 * bytes; hex: the pattern, as if written `* pattern *` with the outer runs
 * not captured; regex: on the bytes decoded in the connection's encoding)
 * and says where the match ends, so what came after it stays for the next
 * expect.
 */

export interface ExpectHit {
  /** Offset just past the match in the bytes searched. */
  end: number;
  captures: Captures;
}

/**
 * Finds the pattern in what was received. `seen` says how many leading
 * bytes an earlier call already searched without a match, so a fixed-length
 * pattern need not look there again (a regex or a `*` pattern looks at all).
 */
export type ExpectFinder = (received: Uint8Array, seen?: number) => ExpectHit | null;

export type CompiledExpect =
  { ok: true; find: ExpectFinder } | { ok: false; problem: AutomationProblem };

/**
 * Builds the finder. A text pattern is composed now, with the captures set
 * so far and the placeholder context, as a send would be.
 */
export function compileExpect(
  pattern: ExpectPattern,
  captures: Captures,
  encoding: TextEncodingName,
  context: ComposeContext = {},
  makeRegex: RegexMaker = plainRegex,
): CompiledExpect {
  switch (pattern.as) {
    case 'text': {
      const r = composeWithCaptures(pattern.payload, captures, context);
      if (!r.ok) return r;
      const want = r.bytes;
      return {
        ok: true,
        find: (received, seen = 0) => {
          const at = indexOfBytes(received, want, Math.max(0, seen - want.length + 1));
          if (at < 0) return null;
          const matched = received.slice(at, at + want.length);
          return { end: at + want.length, captures: { numbered: [matched], named: {} } };
        },
      };
    }
    case 'hex': {
      const compiled = compileHexPattern(pattern.pattern);
      if (!compiled.ok) return { ok: false, problem: compiled.problems[0] as AutomationProblem };
      const p = compiled.pattern;
      const fixed = p.segments.length === 1;
      return {
        ok: true,
        find: (received, seen = 0) => {
          const from = fixed ? Math.max(0, seen - p.minLength + 1) : 0;
          const m = searchHexPattern(p, received, from);
          // Copies: the buffer they point into is consumed and reused.
          return (
            m && { end: m.end, captures: { numbered: m.groups.map((g) => g.slice()), named: {} } }
          );
        },
      };
    }
    case 'regex': {
      const made = makeRegex(pattern.source, pattern.flags);
      if (!made.ok) return made;
      const re = made.re;
      return {
        ok: true,
        find: (received) => {
          const text = decodeText(received, encoding);
          const m = re.exec(text);
          if (!m) return null;
          return {
            end: byteEnd(received, text.slice(0, m.index + m[0].length), encoding),
            captures: capturesOf(m, encoding),
          };
        },
      };
    }
  }
}

/**
 * How many bytes the decoded prefix came from: the prefix encoded again.
 * Exact where the bytes were valid in the encoding; where they were not,
 * the replacement characters make it a guess, kept within the buffer.
 */
function byteEnd(received: Uint8Array, prefix: string, encoding: TextEncodingName): number {
  const r = encodeText(prefix, encoding);
  return r.ok ? Math.min(r.bytes.length, received.length) : received.length;
}

/** The pattern as the script wrote it, for a sentence ("expect text OK: nothing matched …"). */
export function describeExpect(pattern: ExpectPattern): { as: string; pattern: string } {
  switch (pattern.as) {
    case 'text':
      return {
        as: 'text',
        pattern: [pattern.payload.source, ...formatOptions(pattern.payload)].join(' '),
      };
    case 'regex':
      return { as: 'regex', pattern: `/${pattern.source}/${pattern.flags}` };
    case 'hex':
      return { as: 'hex', pattern: pattern.pattern };
  }
}
