/**
 * The byte scanning a search worker does (search-worker.ts), as one
 * self-contained function: the worker is started from its source text, so
 * it runs the same code in the tests (TypeScript through Vitest), in the
 * app's bundle and in the benchmark's, with no file of its own to find.
 * Hence: no imports, no closures over anything outside scanKernel(), only
 * globals Node gives every worker (Buffer).
 *
 * A job is a list of non-empty segments (pieces of slabs or copied
 * buffers) read as one virtual stream. Segments that touch in memory are
 * searched as one region with Buffer.indexOf, so a flood laid out in a slab
 * is scanned at memory speed; a match across two regions is found in the
 * seam between them; nothing matches across a segment marked as a break.
 *
 * Stream mode (find): each segment belongs to a group (a chunk) and a match
 * may run on into the next ones. Rows mode (filters): a table of rows
 * (stretches of the virtual stream) says what may match; a match must lie
 * inside one row. The table keeps main's share of a filter to a few numbers
 * per row, whatever the rows' bytes.
 */

/** Numbers per segment in KernelJob.segs. */
export const SEG_FIELDS = 6;
/** Numbers per row in KernelJob.rows: virtual start, length, group. */
export const ROW_FIELDS = 3;
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
   * group and the segment's offset within it (stream mode), 1 when it does
   * not continue the segment before it (a new stream) else 0.
   */
  segs: Float64Array;
  /** Rows mode: ROW_FIELDS numbers per row, by ascending virtual start. */
  rows: Float64Array | null;
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

/** SEG_FIELDS and ROW_FIELDS are spelled 6 and 3 inside: the function may not reach outside itself. */
export function scanKernel() {
  interface Region {
    buf: number;
    off: number;
    len: number;
    /** Virtual position of the region's first byte. */
    pos: number;
    /** The region starts a new stream: nothing matches across its start. */
    brk: boolean;
    /** Its bytes as Latin-1 text, made when a regular expression first needs them. */
    text?: string;
  }

  interface Scan {
    job: KernelJob;
    regions: Region[];
    /** Virtual position of each segment (and the end, last). */
    segPos: Float64Array;
    out: number[];
    truncated: boolean;
    lastGroup: number;
  }

  function scan(job: KernelJob): KernelResult {
    const segs = job.segs;
    const n = segs.length / 6;
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
    const st: Scan = { job, regions, segPos, out: [], truncated: false, lastGroup: -1 };
    if (job.regex) scanRegex(st);
    else if (job.needle && job.needle.length > 0) scanBytes(st);
    return { id: job.id, matches: Float64Array.from(st.out), truncated: st.truncated };
  }

  function view(job: KernelJob, r: { buf: number; off: number; len: number }): Buffer {
    return Buffer.from(job.buffers[r.buf]!, r.off, r.len);
  }

  /** Index of the last entry of `starts` (every `stride`-th number) that is <= p, or -1. */
  function lastAtOrBefore(starts: Float64Array, stride: number, count: number, p: number): number {
    let lo = -1;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid * stride]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Records a match at virtual position p; false once no more are wanted. */
  function accept(st: Scan, p: number, length: number): boolean {
    const { job } = st;
    let group: number;
    let offset: number;
    if (job.rows) {
      const r = lastAtOrBefore(job.rows, 3, job.rows.length / 3, p);
      if (r < 0) return true;
      const start = job.rows[r * 3]!;
      if (p + length > start + job.rows[r * 3 + 1]!) return true;
      group = job.rows[r * 3 + 2]!;
      offset = p - start;
    } else {
      const s = lastAtOrBefore(st.segPos, 1, st.segPos.length - 1, p);
      group = job.segs[s * 6 + 3]!;
      offset = job.segs[s * 6 + 4]! + (p - st.segPos[s]!);
    }
    if (job.firstOnly && group === st.lastGroup) return true;
    st.lastGroup = group;
    st.out.push(group, offset, length);
    if (st.out.length / 3 >= job.maxMatches) {
      st.truncated = true;
      return false;
    }
    return true;
  }

  /** The virtual bytes [from, to), copied out of the regions from region `r` on. */
  function bytesBetween(st: Scan, r: number, from: number, to: number): Buffer {
    const out = Buffer.alloc(to - from);
    for (let at = from; at < to && r < st.regions.length; r++) {
      const reg = st.regions[r]!;
      if (reg.pos + reg.len <= at) continue;
      const start = at - reg.pos;
      const take = Math.min(reg.len - start, to - at);
      view(st.job, reg).copy(out, at - from, start, start + take);
      at += take;
    }
    return out;
  }

  function scanBytes(st: Scan): void {
    const { job, regions } = st;
    const needle = Buffer.from(job.needle!.buffer, job.needle!.byteOffset, job.needle!.length);
    const k = needle.length;
    for (let r = 0; r < regions.length; r++) {
      const reg = regions[r]!;
      const hay = view(job, reg);
      for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
        if (!accept(st, reg.pos + i, k)) return;
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
      const seam = bytesBetween(st, r, from, to);
      for (let i = seam.indexOf(needle); i >= 0 && from + i < reg.pos + reg.len;) {
        if (!accept(st, from + i, k)) return;
        i = seam.indexOf(needle, i + 1);
      }
    }
  }

  /** The virtual bytes [from, to) as Latin-1 text (one character per byte). */
  function textBetween(st: Scan, from: number, to: number): string {
    const { regions } = st;
    let lo = 0;
    let hi = regions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (regions[mid]!.pos <= from) lo = mid;
      else hi = mid - 1;
    }
    const reg = regions[lo]!;
    if (to <= reg.pos + reg.len) {
      // Inside one region (most rows): a slice of its text, which is made once.
      reg.text ??= view(st.job, reg).toString('latin1');
      return reg.text.substring(from - reg.pos, to - reg.pos);
    }
    return bytesBetween(st, lo, from, to).toString('latin1');
  }

  /** A regular expression over each row (rows mode) or each chunk (stream mode), on its own. */
  function scanRegex(st: Scan): void {
    const { job } = st;
    const flags = job.regex!.flags.includes('g') ? job.regex!.flags : `${job.regex!.flags}g`;
    const re = new RegExp(job.regex!.source, flags);
    const rows = job.rows;
    const units = rows ? rows.length / 3 : st.segPos.length - 1;
    for (let u = 0; u < units; u++) {
      const start = rows ? rows[u * 3]! : st.segPos[u]!;
      const length = rows ? rows[u * 3 + 1]! : st.segPos[u + 1]! - start;
      const group = rows ? rows[u * 3 + 2]! : job.segs[u * 6 + 3]!;
      const base = rows ? 0 : job.segs[u * 6 + 4]!;
      const text = textBetween(st, start, start + Math.min(length, job.regexScanBytes));
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        st.out.push(group, base + m.index, m[0].length);
        if (st.out.length / 3 >= job.maxMatches) {
          st.truncated = true;
          return;
        }
        if (job.firstOnly) break;
      }
    }
  }

  return { scan };
}
