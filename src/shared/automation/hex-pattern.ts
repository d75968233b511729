import {
  problem,
  type AutomationProblem,
  type ProblemCode,
  type ProblemParams,
} from './automation-errors';

/**
 * Hex patterns: `01 03 ?? ?? 00 ??`, where `??` is any one byte and `*` any
 * run of bytes (zero or more). Digits are written as in the payload editor's
 * hex mode (pairs, separators insignificant, an optional 0x), and pair up
 * across spaces but never across a `??` or `*`.
 *
 * Captures, numbered from 1 in the order they are written: each run of
 * consecutive `??` is ONE capture (`?? ??` captures two bytes as $1, which is
 * how a 16-bit field is written), and each `*` is one capture. Capture 0 is
 * the whole match. Where `*` could take more or fewer bytes, each takes as
 * few as it can, left to right.
 */

type Element =
  | { kind: 'byte'; value: number }
  | { kind: 'any'; count: number; capture: number }
  | { kind: 'star'; capture: number };

/** A fixed-length piece between stars: literal bytes and `??` runs. */
interface Segment {
  length: number;
  /** Literal bytes by offset in the segment (-1: any byte). */
  literal: Int16Array;
  /** `??` runs in the segment: capture number, offset, length. */
  runs: Array<{ capture: number; offset: number; count: number }>;
}

export interface HexPattern {
  source: string;
  /** Segments between stars: `stars` is segments.length - 1. */
  segments: Segment[];
  /** Capture number of the star after segment i. */
  starCaptures: number[];
  /** How many captures ($1…) a match gives. */
  captureCount: number;
  /** The shortest message that can match. */
  minLength: number;
}

export type PatternProblem = AutomationProblem & { start: number; end: number };

export type HexPatternResult =
  { ok: true; pattern: HexPattern } | { ok: false; problems: PatternProblem[] };

const SEPARATORS = new Set([' ', '\t', '\n', '\r', ',']);

function hexValue(c: string | undefined): number {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c) ? parseInt(c, 16) : -1;
}

/** Compiles a hex pattern, or says what is wrong and where (offsets into `source`). */
export function compileHexPattern(source: string): HexPatternResult {
  const elements: Element[] = [];
  const problems: PatternProblem[] = [];
  const add = <C extends ProblemCode>(
    code: C,
    params: ProblemParams[C],
    start: number,
    end: number,
  ): void => {
    problems.push({ ...problem(code, params), start, end });
  };
  let capture = 0;
  let pending = -1;
  let pendingAt = 0;
  let digits = 0;
  const endDigits = (): void => {
    if (pending >= 0) add('hex-pattern-odd', { count: digits }, pendingAt, pendingAt + 1);
    pending = -1;
    digits = 0;
  };

  let i = 0;
  while (i < source.length && problems.length < 100) {
    const c = source[i] as string;
    if (SEPARATORS.has(c)) {
      i++;
      continue;
    }
    if (c === '?') {
      endDigits();
      if (source[i + 1] !== '?') {
        add('hex-pattern-lone-question', {}, i, i + 1);
        i++;
        continue;
      }
      const last = elements[elements.length - 1];
      if (last?.kind === 'any') last.count++;
      else elements.push({ kind: 'any', count: 1, capture: ++capture });
      i += 2;
      continue;
    }
    if (c === '*') {
      endDigits();
      elements.push({ kind: 'star', capture: ++capture });
      i++;
      continue;
    }
    const prev = source[i - 1];
    const startsToken = prev === undefined || SEPARATORS.has(prev);
    if (c === '0' && (source[i + 1] === 'x' || source[i + 1] === 'X') && startsToken) {
      if (hexValue(source[i + 2]) >= 0 && hexValue(source[i + 3]) >= 0) {
        i += 2;
        continue;
      }
    }
    const v = hexValue(c);
    if (v < 0) {
      const ch = String.fromCodePoint(source.codePointAt(i) ?? 0);
      add('hex-pattern-char', { char: describe(ch) }, i, i + ch.length);
      i += ch.length;
      continue;
    }
    digits++;
    if (pending < 0) {
      pending = v;
      pendingAt = i;
    } else {
      elements.push({ kind: 'byte', value: (pending << 4) | v });
      pending = -1;
    }
    i++;
  }
  endDigits();
  if (problems.length > 0) return { ok: false, problems };
  if (elements.length === 0) {
    add('hex-pattern-empty', {}, 0, Math.max(1, source.length));
    return { ok: false, problems };
  }
  return { ok: true, pattern: build(source, elements, capture) };
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (/[\p{C}\p{Z}]/u.test(ch)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

function build(source: string, elements: Element[], captureCount: number): HexPattern {
  const segments: Segment[] = [];
  const starCaptures: number[] = [];
  let bytes: number[] = [];
  let runs: Segment['runs'] = [];
  const close = (): void => {
    segments.push({ length: bytes.length, literal: Int16Array.from(bytes), runs });
    bytes = [];
    runs = [];
  };
  for (const e of elements) {
    if (e.kind === 'byte') bytes.push(e.value);
    else if (e.kind === 'any') {
      runs.push({ capture: e.capture, offset: bytes.length, count: e.count });
      for (let k = 0; k < e.count; k++) bytes.push(-1);
    } else {
      close();
      starCaptures.push(e.capture);
    }
  }
  close();
  const minLength = segments.reduce((n, s) => n + s.length, 0);
  return { source, segments, starCaptures, captureCount, minLength };
}

function segmentAt(seg: Segment, data: Uint8Array, at: number): boolean {
  if (at < 0 || at + seg.length > data.length) return false;
  for (let k = 0; k < seg.length; k++) {
    const want = seg.literal[k] as number;
    if (want >= 0 && data[at + k] !== want) return false;
  }
  return true;
}

/** The first offset in [from, limit - seg.length] where `seg` matches, or -1. */
function findSegment(seg: Segment, data: Uint8Array, from: number, limit: number): number {
  for (let at = from; at + seg.length <= limit; at++) if (segmentAt(seg, data, at)) return at;
  return -1;
}

export interface PatternMatch {
  /** Offset of the first byte matched and one past the last. */
  start: number;
  end: number;
  /** groups[0] is the whole match, groups[k] capture k. Views into the input. */
  groups: Uint8Array[];
}

/** Fills groups from segment positions (positions[i]: where segment i matched). */
function groupsOf(p: HexPattern, data: Uint8Array, positions: number[]): PatternMatch {
  const groups: Uint8Array[] = new Array<Uint8Array>(p.captureCount + 1);
  p.segments.forEach((seg, i) => {
    const at = positions[i] as number;
    for (const r of seg.runs)
      groups[r.capture] = data.subarray(at + r.offset, at + r.offset + r.count);
    const next = positions[i + 1];
    const star = p.starCaptures[i];
    if (next !== undefined && star !== undefined)
      groups[star] = data.subarray(at + seg.length, next);
  });
  const start = positions[0] as number;
  const lastSeg = p.segments[p.segments.length - 1] as Segment;
  const end = (positions[positions.length - 1] as number) + lastSeg.length;
  groups[0] = data.subarray(start, end);
  return { start, end, groups };
}

/** Matches the whole message, or returns null. */
export function matchHexPattern(p: HexPattern, data: Uint8Array): PatternMatch | null {
  const segs = p.segments;
  const first = segs[0] as Segment;
  if (segs.length === 1) {
    return data.length === first.length && segmentAt(first, data, 0)
      ? groupsOf(p, data, [0])
      : null;
  }
  if (data.length < p.minLength || !segmentAt(first, data, 0)) return null;
  const last = segs[segs.length - 1] as Segment;
  const lastAt = data.length - last.length;
  if (!segmentAt(last, data, lastAt)) return null;
  // Each middle segment at its leftmost place: if any placement fits, this one does.
  const positions = [0];
  let pos = first.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const at = findSegment(segs[i] as Segment, data, pos, lastAt);
    if (at < 0) return null;
    positions.push(at);
    pos = at + (segs[i] as Segment).length;
  }
  positions.push(lastAt);
  return groupsOf(p, data, positions);
}

/**
 * The leftmost, shortest place in `data` (from `from` on) where the pattern
 * matches, as if it were written `… pattern …` with the outer runs not captured.
 */
export function searchHexPattern(p: HexPattern, data: Uint8Array, from = 0): PatternMatch | null {
  const segs = p.segments;
  const first = segs[0] as Segment;
  const start = findSegment(first, data, from, data.length);
  if (start < 0) return null;
  // A later start could only leave less room for the rest, so the first start is the one.
  const positions = [start];
  let pos = start + first.length;
  for (let i = 1; i < segs.length; i++) {
    const at = findSegment(segs[i] as Segment, data, pos, data.length);
    if (at < 0) return null;
    positions.push(at);
    pos = at + (segs[i] as Segment).length;
  }
  return groupsOf(p, data, positions);
}
