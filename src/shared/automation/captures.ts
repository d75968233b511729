import { composeSegments, parsePayloadSource, type ComposeContext } from '../payload/compose';
import type { PayloadIssue } from '../payload/issues';
import type { PayloadSpec } from '../payload/payload-spec';
import type { Segment } from '../payload/segments';
import { composeFailed, problem, type AutomationProblem } from './automation-errors';

/**
 * Captures in a payload: `{{$1}}` (a numbered group, `{{$0}}` the whole
 * match) and `{{$name}}` (a named regex group). The editor's placeholders
 * (`{{counter}}`, …) are left to the composer, which runs after the captures
 * are put in, so those are recomposed on every reply and the checksum is
 * computed over the final bytes.
 *
 * A capture is bytes, put in exactly as received (raw bytes whatever the
 * text encoding): the pieces of source between references are parsed in the
 * source's own syntax and the captures spliced between them as byte
 * segments. Hex digits never pair across a capture (as across a
 * placeholder), which `checkPayloadSource` enforces piece by piece.
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

export type CaptureComposeResult =
  { ok: true; bytes: Uint8Array } | { ok: false; problem: AutomationProblem };

/**
 * Composes a payload (a reply, a send) with captures put in, placeholders
 * expanded, checksum made. Each piece between references is parsed in the
 * source's own syntax and each capture goes in as its bytes, so the whole is
 * measured (64 MiB at most) before anything is joined: a device's big frame
 * echoed many times is refused, not built.
 */
export function composeWithCaptures(
  spec: PayloadSpec,
  captures: Captures,
  context: ComposeContext = {},
): CaptureComposeResult {
  const refs = findCaptureRefs(spec.source);
  const segments: Segment[] = [];
  const issues: PayloadIssue[] = [];
  let unset: string | null = null;
  let at = 0;
  for (const ref of [...refs, null]) {
    const end = ref ? ref.start : spec.source.length;
    const r = parsePayloadSource({ ...spec, source: spec.source.slice(at, end) });
    if (!r.ok)
      for (const i of r.issues) issues.push({ ...i, start: i.start + at, end: i.end + at });
    else for (const s of r.segments) segments.push(shifted(s, at));
    if (!ref) break;
    const value = lookupCapture(captures, ref.name);
    if (value !== undefined) segments.push({ kind: 'bytes', bytes: value });
    else unset ??= ref.name;
    at = ref.end;
  }
  if (issues.length > 0) return { ok: false, problem: composeFailed(issues) };
  if (unset !== null) return { ok: false, problem: problem('capture-unset', { name: unset }) };
  const r = composeSegments(segments, spec, context);
  if (r.ok) return { ok: true, bytes: r.bytes };
  return { ok: false, problem: composeFailed(r.issues) };
}

/** A piece's segment with its placeholder's offsets in the whole source. */
function shifted(s: Segment, by: number): Segment {
  if (s.kind === 'bytes' || by === 0) return s;
  return {
    kind: 'placeholder',
    token: { ...s.token, start: s.token.start + by, end: s.token.end + by },
  };
}
