import { composePayload, parsePayloadSource, type ComposeContext } from '../payload/compose';
import type { PayloadIssue } from '../payload/issues';
import type { PayloadSpec } from '../payload/payload-spec';
import { composeFailed, problem, type AutomationProblem } from './automation-errors';

/**
 * Captures in a payload: `{{$1}}` (a numbered group, `{{$0}}` the whole
 * match) and `{{$name}}` (a named regex group). The editor's placeholders
 * (`{{counter}}`, …) are left to the composer, which runs after the captures
 * are put in, so those are recomposed on every reply and the checksum is
 * computed over the final bytes.
 *
 * A capture is bytes. It is put into the source in the source's own syntax,
 * exactly: as `\xHH` in text (raw bytes whatever the encoding; a text source
 * without escapes gets them, its backslashes doubled) and as hex pairs in hex.
 * Hex digits never pair across a capture (as across a placeholder), which
 * `checkPayloadSource` enforces piece by piece.
 */

export interface Captures {
  /** numbered[0] is the whole match, numbered[k] group k. */
  numbered: Uint8Array[];
  named: Record<string, Uint8Array>;
}

export const NO_CAPTURES: Captures = { numbered: [], named: {} };

export interface CaptureRef {
  /** `1` or `name`, without the `$`. */
  name: string;
  start: number;
  end: number;
}

const REF = /\{\{\$([0-9]{1,3}|[A-Za-z_][A-Za-z0-9_]{0,63})\}\}/g;

/** The capture references in a payload source, in order. */
export function findCaptureRefs(source: string): CaptureRef[] {
  const refs: CaptureRef[] = [];
  for (const m of source.matchAll(REF))
    refs.push({ name: m[1] as string, start: m.index, end: m.index + m[0].length });
  return refs;
}

/** The value of `{{$name}}`, if it is set. */
export function lookupCapture(captures: Captures, name: string): Uint8Array | undefined {
  return /^[0-9]/.test(name) ? captures.numbered[Number(name)] : captures.named[name];
}

/**
 * Every problem in a payload source that may hold capture references, with
 * positions in `spec.source`: the editor's own parse of each piece between
 * references (so odd hex digits never pair across a capture).
 */
export function checkPayloadSource(spec: PayloadSpec): PayloadIssue[] {
  const issues: PayloadIssue[] = [];
  let at = 0;
  const pieces = [...findCaptureRefs(spec.source), { start: spec.source.length, end: 0 }];
  for (const ref of pieces) {
    const piece = spec.source.slice(at, ref.start);
    const r = parsePayloadSource({ ...spec, source: piece });
    if (!r.ok)
      for (const i of r.issues) issues.push({ ...i, start: i.start + at, end: i.end + at });
    at = ref.end;
  }
  return issues;
}

export type SubstituteResult =
  { ok: true; spec: PayloadSpec } | { ok: false; problem: AutomationProblem };

/** The spec with every capture reference replaced by its bytes in the source's syntax. */
export function substituteCaptures(spec: PayloadSpec, captures: Captures): SubstituteResult {
  const refs = findCaptureRefs(spec.source);
  if (refs.length === 0) return { ok: true, spec };
  const issues = checkPayloadSource(spec);
  if (issues.length > 0)
    return {
      ok: false,
      problem: composeFailed(issues),
    };
  const hex = spec.mode === 'hex';
  // Raw bytes need escapes: a source typed without them gets them, its backslashes kept literal.
  const literal = (s: string): string => (hex || spec.escapes ? s : s.replace(/\\/g, '\\\\'));
  const out: string[] = [];
  let at = 0;
  for (const ref of refs) {
    const value = lookupCapture(captures, ref.name);
    if (value === undefined)
      return { ok: false, problem: problem('capture-unset', { name: ref.name }) };
    out.push(literal(spec.source.slice(at, ref.start)), hex ? hexPairs(value) : escaped(value));
    at = ref.end;
  }
  out.push(literal(spec.source.slice(at)));
  return { ok: true, spec: { ...spec, source: out.join(''), escapes: hex ? spec.escapes : true } };
}

const PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

function hexPairs(bytes: Uint8Array): string {
  const parts = [' '];
  for (const b of bytes) parts.push(PAIRS[b] as string, ' ');
  return parts.join('');
}

function escaped(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push('\\x', PAIRS[b] as string);
  return parts.join('');
}

export type CaptureComposeResult =
  { ok: true; bytes: Uint8Array } | { ok: false; problem: AutomationProblem };

/** Composes a payload (a reply, a send) with captures put in, placeholders expanded, checksum made. */
export function composeWithCaptures(
  spec: PayloadSpec,
  captures: Captures,
  context: ComposeContext = {},
): CaptureComposeResult {
  const s = substituteCaptures(spec, captures);
  if (!s.ok) return s;
  const r = composePayload(s.spec, context);
  if (r.ok) return { ok: true, bytes: r.bytes };
  return { ok: false, problem: composeFailed(r.issues) };
}
