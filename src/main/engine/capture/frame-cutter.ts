import type { Chunk, Direction } from '../../../shared/contract';
import { parseDelimiter } from '../../../shared/framing/delimiter-field';
import type { FramingSpec } from '../../../shared/framing/framing-spec';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { createConnectionFramer } from '../framing/connection-framer';

/**
 * Where a framed view's messages are cut, without the messages: a view
 * keeps only (lane, stream offset, length) per row, so copying every frame
 * out (as the connection framer must, for whoever wants the bytes) is work
 * thrown away. Delimiter and fixed-length framing, the common ones, are cut
 * here in place, a delimiter found with Buffer.indexOf in the chunk where it
 * lies (and in the seam with the chunk before); the other modes go through
 * the connection framer. The cuts are the shared framer's, to the byte and
 * to the error message: framed-view.test.ts holds them to it.
 */

/** Takes one message: its lane, where it starts in the lane's stream (counted from the cutter's start), its data length. */
export type FrameSink = (
  dir: Direction,
  peerId: string,
  streamStart: number,
  length: number,
  error?: MessageRef,
) => void;

export interface FrameCutter {
  push(chunk: Chunk, emit: FrameSink): void;
  /** Idle framing: the messages whose peer went quiet before `now` (µs). */
  flush(now: number, emit: FrameSink): void;
  pending(): number;
  /** Lets go of a peer (its bytes are gone): its streams count from 0 again if it comes back. */
  forget(peerId: string): void;
}

interface LaneState {
  /** Stream offset where the message being gathered starts, and the stream's length so far. */
  start: number;
  end: number;
  /** The stream's bytes [end - tail.length, end) that are at or after `start`: a delimiter may begin there. */
  tail: Buffer;
}

export function createFrameCutter(spec: FramingSpec): FrameCutter {
  if (spec.mode === 'delimiter') return delimiterCutter(spec);
  if (spec.mode === 'fixed') return fixedCutter(spec.length);
  if (spec.mode === 'raw') return fixedCutter(0);
  return framerCutter(spec);
}

/** A sent chunk is one message as it was written; so is every chunk when raw. */
function lanes(onReceived: (s: LaneState, chunk: Chunk, emit: FrameSink) => void): FrameCutter {
  const states = { rx: new Map<string, LaneState>(), tx: new Map<string, LaneState>() };
  const state = (dir: Direction, peerId: string): LaneState => {
    let s = states[dir].get(peerId);
    if (!s) states[dir].set(peerId, (s = { start: 0, end: 0, tail: Buffer.alloc(0) }));
    return s;
  };
  return {
    push(chunk, emit) {
      const length = chunk.data.byteLength;
      if (length === 0) return;
      const s = state(chunk.dir, chunk.peerId);
      if (chunk.dir === 'tx') {
        emit('tx', chunk.peerId, s.end, length);
        s.start = s.end += length;
      } else onReceived(s, chunk, emit);
    },
    flush: () => undefined,
    pending() {
      let n = 0;
      for (const s of states.rx.values()) n += s.end - s.start;
      return n;
    },
    forget(peerId) {
      states.rx.delete(peerId);
      states.tx.delete(peerId);
    },
  };
}

function fixedCutter(length: number): FrameCutter {
  return lanes((s, chunk, emit) => {
    s.end += chunk.data.byteLength;
    if (length === 0) {
      emit('rx', chunk.peerId, s.start, s.end - s.start);
      s.start = s.end;
      return;
    }
    for (; s.end - s.start >= length; s.start += length) emit('rx', chunk.peerId, s.start, length);
  });
}

function delimiterCutter(spec: Extract<FramingSpec, { mode: 'delimiter' }>): FrameCutter {
  const parsed = parseDelimiter(spec.delimiter, spec.delimiterFormat);
  if (!parsed.ok) throw new RangeError(parsed.error.code);
  const delim = Buffer.from(parsed.bytes);
  const k = delim.length;
  const max = spec.maxFrameBytes;
  const tooLong = msg('frame.no-delimiter', { max });

  return lanes((s, chunk, emit) => {
    const data = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
    const base = s.end;
    const end = base + data.length;
    // The seam: the tail before this chunk and the first k - 1 bytes of it.
    const seam = s.tail.length > 0 ? Buffer.concat([s.tail, data.subarray(0, k - 1)]) : null;
    const seamStart = base - s.tail.length;
    /** The first delimiter starting at or after `from`, as a stream offset, or -1. */
    const find = (from: number): number => {
      if (seam && from < base) {
        const i = seam.indexOf(delim, Math.max(0, from - seamStart));
        if (i >= 0 && seamStart + i < base) return seamStart + i;
      }
      const j = data.indexOf(delim, Math.max(0, from - base));
      return j < 0 ? -1 : base + j;
    };
    for (;;) {
      const at = find(s.start);
      if (at >= 0 && at - s.start <= max) {
        emit('rx', chunk.peerId, s.start, (spec.keepDelimiter ? at + k : at) - s.start);
        s.start = at + k;
      } else if (end - s.start >= max + k) {
        emit('rx', chunk.peerId, s.start, max, tooLong);
        s.start += max;
      } else break;
    }
    s.end = end;
    // What a delimiter could start in, for the next chunk: the last k - 1 bytes at or after start.
    const keep = Math.min(k - 1, end - s.start);
    if (keep <= 0) s.tail = Buffer.alloc(0);
    else if (keep <= data.length) s.tail = Buffer.from(data.subarray(data.length - keep));
    else s.tail = Buffer.concat([s.tail, data]).subarray(-keep);
  });
}

/** Length-prefix and idle framing: the connection framer, its messages turned into cuts. */
function framerCutter(spec: FramingSpec): FrameCutter {
  const framer = createConnectionFramer(spec);
  const out = (messages: ReturnType<typeof framer.push>, emit: FrameSink): void => {
    for (const m of messages) emit(m.dir, m.peerId, m.streamStart, m.data.byteLength, m.error);
  };
  return {
    push: (chunk, emit) => out(framer.push(chunk), emit),
    flush: (now, emit) => out(framer.flush(now), emit),
    pending: () => framer.pending(),
    forget: (peerId) => framer.forget(peerId),
  };
}
