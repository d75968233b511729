/**
 * The byte scanning a search worker does (search-worker.ts), as one
 * self-contained function: the worker is started from its source text, so
 * it runs the same code in the tests (TypeScript through Vitest), in the
 * app's bundle and in the benchmark's, with no file of its own to find.
 * Hence: no imports, no closures over anything outside scanKernel(), only
 * globals Node gives every worker (Buffer).
 *
 * A job is a list of non-empty segments (pieces of slabs or copied
 * buffers) read as one virtual stream. Segments that touch in memory are searched as one
 * region with Buffer.indexOf, so a flood laid out in a slab is scanned at
 * memory speed; a match across two regions is found in the seam between
 * them. Each segment belongs to a group (a row, or a chunk of a stream);
 * in rows mode a match must lie inside one group, in stream mode it may
 * run on into the next groups, up to a segment marked as a break.
 */

/** Numbers per segment in KernelJob.segs. */
export const SEG_FIELDS = 6;
/** Numbers per match in KernelResult.matches: group, offset in the group, length. */
export const MATCH_FIELDS = 3;

export interface KernelJob {
  id: number;
  mode: 'stream' | 'rows';
  needle: Uint8Array | null;
  regex: { source: string; flags: string } | null;
  /** Slabs (SharedArrayBuffer, not copied) and copies of chunks kept outside slabs. */
  buffers: ArrayBufferLike[];
  /**
   * Per segment, SEG_FIELDS numbers: buffer index, byte offset in it, length,
   * group, the segment's offset within its group, 1 when it does not
   * continue the segment before it (a new stream) else 0.
   */
  segs: Float64Array;
  /** One match per group at most (a filter asks whether a row matches). */
  firstOnly: boolean;
  maxMatches: number;
  /** Regular expressions look at most this many bytes of a group. */
  regexScanBytes: number;
}

export interface KernelResult {
  id: number;
  /** MATCH_FIELDS numbers per match, in stream order. */
  matches: Float64Array;
  /** maxMatches was reached: there may be more. */
  truncated: boolean;
}

/** SEG_FIELDS is spelled 6 inside: the function may not reach outside itself. */
export function scanKernel() {
  interface Region {
    buf: number;
    off: number;
    len: number;
    /** Virtual position of the region's first byte. */
    pos: number;
    /** The region starts a new stream: nothing matches across its start. */
    brk: boolean;
  }

  function scan(job: KernelJob): KernelResult {
    const segs = job.segs;
    const n = segs.length / 6;
    // Virtual position of each segment, and the regions of touching segments.
    const segPos = new Float64Array(n + 1);
    const regions: Region[] = [];
    let pos = 0;
    for (let s = 0; s < n; s++) {
      const buf = segs[s * 6]!;
      const off = segs[s * 6 + 1]!;
      const len = segs[s * 6 + 2]!;
      const brk = segs[s * 6 + 5] === 1;
      segPos[s] = pos;
      const last = regions[regions.length - 1];
      if (last && !brk && last.buf === buf && last.off + last.len === off) last.len += len;
      else regions.push({ buf, off, len, pos, brk: brk || s === 0 });
      pos += len;
    }
    segPos[n] = pos;
    const out: number[] = [];
    const state = { truncated: false, lastGroup: -1 };
    if (job.regex) scanRegex(job, out, state);
    else if (job.needle && job.needle.length > 0) scanBytes(job, regions, segPos, out, state);
    return { id: job.id, matches: Float64Array.from(out), truncated: state.truncated };
  }

  function view(job: KernelJob, r: { buf: number; off: number; len: number }): Buffer {
    return Buffer.from(job.buffers[r.buf]!, r.off, r.len);
  }

  /** Index of the segment holding virtual position `p`. */
  function segmentAt(segPos: Float64Array, p: number): number {
    let lo = 0;
    let hi = segPos.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segPos[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Records a match at virtual position p; false once no more are wanted. */
  function accept(
    job: KernelJob,
    segPos: Float64Array,
    p: number,
    length: number,
    out: number[],
    state: { truncated: boolean; lastGroup: number },
  ): boolean {
    const s = segmentAt(segPos, p);
    const group = job.segs[s * 6 + 3]!;
    if (job.mode === 'rows') {
      const e = segmentAt(segPos, p + length - 1);
      if (job.segs[e * 6 + 3] !== group) return true;
    }
    if (job.firstOnly && group === state.lastGroup) return true;
    state.lastGroup = group;
    out.push(group, job.segs[s * 6 + 4]! + (p - segPos[s]!), length);
    if (out.length / 3 >= job.maxMatches) {
      state.truncated = true;
      return false;
    }
    return true;
  }

  /** The virtual bytes [from, to), copied out of the regions (both inside one stream). */
  function bytesBetween(job: KernelJob, regions: Region[], r: number, from: number, to: number) {
    const out = Buffer.alloc(to - from);
    // Walk back to the region holding `from`, then forward.
    while (r > 0 && regions[r]!.pos > from) r--;
    for (let at = from; at < to && r < regions.length; r++) {
      const reg = regions[r]!;
      if (reg.pos + reg.len <= at) continue;
      const start = at - reg.pos;
      const take = Math.min(reg.len - start, to - at);
      view(job, reg).copy(out, at - from, start, start + take);
      at += take;
    }
    return out;
  }

  function scanBytes(
    job: KernelJob,
    regions: Region[],
    segPos: Float64Array,
    out: number[],
    state: { truncated: boolean; lastGroup: number },
  ): void {
    const needle = Buffer.from(job.needle!.buffer, job.needle!.byteOffset, job.needle!.length);
    const k = needle.length;
    for (let r = 0; r < regions.length; r++) {
      const reg = regions[r]!;
      const hay = view(job, reg);
      for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
        if (!accept(job, segPos, reg.pos + i, k, out, state)) return;
      }
      // The seam: matches that start in this region's last k-1 bytes and run on.
      if (k === 1) continue;
      let streamEnd = reg.pos + reg.len;
      for (let q = r + 1; q < regions.length && !regions[q]!.brk; q++) {
        streamEnd = regions[q]!.pos + regions[q]!.len;
        if (streamEnd >= reg.pos + reg.len + k - 1) break;
      }
      const from = Math.max(reg.pos, reg.pos + reg.len - (k - 1));
      const to = Math.min(streamEnd, reg.pos + reg.len + (k - 1));
      if (to - from < k) continue;
      const seam = bytesBetween(job, regions, r, from, to);
      for (let i = seam.indexOf(needle); i >= 0 && from + i < reg.pos + reg.len;) {
        if (!accept(job, segPos, from + i, k, out, state)) return;
        i = seam.indexOf(needle, i + 1);
      }
    }
  }

  function scanRegex(
    job: KernelJob,
    out: number[],
    state: { truncated: boolean; lastGroup: number },
  ): void {
    const flags = job.regex!.flags.includes('g') ? job.regex!.flags : `${job.regex!.flags}g`;
    const re = new RegExp(job.regex!.source, flags);
    const segs = job.segs;
    const n = segs.length / 6;
    for (let s = 0; s < n;) {
      // A group's segments are consecutive: gather its bytes (up to the limit) as Latin-1,
      // one character per byte, so a match index is a byte offset.
      const group = segs[s * 6 + 3]!;
      const groupStart = segs[s * 6 + 4]!;
      let e = s;
      let bytes = 0;
      while (e < n && segs[e * 6 + 3] === group) bytes += segs[e++ * 6 + 2]!;
      const take = Math.min(bytes, job.regexScanBytes);
      const text = Buffer.alloc(take);
      for (let t = s, at = 0; t < e && at < take; t++) {
        const piece = view(job, {
          buf: segs[t * 6]!,
          off: segs[t * 6 + 1]!,
          len: segs[t * 6 + 2]!,
        });
        at += piece.copy(text, at, 0, Math.min(piece.length, take - at));
      }
      const str = text.toString('latin1');
      re.lastIndex = 0;
      for (let m = re.exec(str); m; m = re.exec(str)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push(group, groupStart + m.index, m[0].length);
        if (out.length / 3 >= job.maxMatches) {
          state.truncated = true;
          return;
        }
        if (job.firstOnly) break;
      }
      s = e;
    }
  }

  return { scan };
}
