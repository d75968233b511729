import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { encodeText, type TextEncodingName } from '../../../shared/payload/encodings';
import { parseHex } from '../../../shared/payload/hex-parse';
import type { PayloadIssue } from '../../../shared/payload/issues';
import type { EndpointError } from '../system-errors';
import {
  badHexPattern,
  badRegexPattern,
  emptyPattern,
  unencodablePattern,
} from './log-page-errors';

/** What a user looks for, as the contract carries it. */
export interface PatternSpec {
  kind: 'text' | 'hex' | 'regex';
  text: string;
  encoding: TextEncodingName;
}

/** Bytes to look for, or a regular expression run over bytes read as Latin-1. */
export type CompiledPattern =
  { needle: Uint8Array; regex: null } | { needle: null; regex: { source: string; flags: string } };

/**
 * Text in the chosen encoding, hex bytes, or a regular expression (checked
 * here, so a bad one is refused before any work starts). Throws an
 * EndpointError naming what is wrong.
 */
export function compilePattern(spec: PatternSpec): CompiledPattern {
  if (spec.kind === 'regex') {
    try {
      new RegExp(spec.text);
    } catch (err) {
      throw badRegexPattern((err as Error).message);
    }
    return { needle: null, regex: { source: spec.text, flags: '' } };
  }
  const parsed: { ok: true; bytes: Uint8Array } | { ok: false; error: EndpointError } =
    spec.kind === 'hex' ? hexBytes(spec.text) : textBytes(spec.text, spec.encoding);
  if (!parsed.ok) throw parsed.error;
  if (parsed.bytes.length === 0) throw emptyPattern();
  return { needle: parsed.bytes, regex: null };
}

function hexBytes(text: string) {
  const r = parseHex(text);
  if (r.ok) return r;
  return { ok: false as const, error: badHexPattern(firstIssue(r.issues)) };
}

function textBytes(text: string, encoding: TextEncodingName) {
  const r = encodeText(text, encoding);
  return r.ok
    ? r
    : { ok: false as const, error: unencodablePattern(encoding, firstIssue(r.issues)) };
}

/** A failed parse always has an issue; the first is the one to fix. */
function firstIssue(issues: readonly PayloadIssue[]): MessageRef {
  return issues[0]?.message ?? msg('search.empty-pattern', {});
}
