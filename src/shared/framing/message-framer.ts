/**
 * A connection's chunks in, its messages out: received bytes are cut per
 * peer by the connection's framing spec; sent chunks stay as they were
 * written (the user already chose those boundaries). Pure and incremental,
 * so the renderer can run it over the live chunk stream today and the main
 * process (auto-replies, expectations) can run the very same code later.
 */
import type { ChunkOrigin } from '../contract/automation';
import type { Chunk, Direction } from '../contract/chunk';
import type { MessageRef } from '../messages/catalogue';
import { parseDelimiter } from './delimiter-field';
import { createFramer, type Framer } from './framer';
import { framingSpec, type FramingSpec, type FramingSpecInput } from './framing-spec';

/** One row of the Messages view. */
export interface Message {
  /** The seq of the chunk that brought the message's first byte. */
  seq: number;
  /** The seq of the chunk that brought its last byte, when not `seq`. */
  lastSeq?: number;
  /** When the first byte came (µs). */
  time: number;
  dir: Direction;
  peerId: string;
  data: Uint8Array;
  /** Why this is not a well-formed frame (cut at a limit, stream ended inside it, …). */
  error?: MessageRef;
  /** A sent message that automation sent (an auto-reply's rule, a periodic send, a sequence). */
  origin?: ChunkOrigin;
}

interface PeerStream {
  framer: Framer;
  /** Per chunk pushed: the stream position just past it, its seq and time (oldest first). */
  marks: Array<{ end: number; seq: number; time: number }>;
  /** Bytes of the stream already handed out in messages (stripped delimiters included). */
  consumed: number;
  pushed: number;
}

/** A connection's framer; `M`, the message it hands out (main's knows where each lies in its stream). */
export interface MessageFramer<M extends Message = Message> {
  readonly spec: FramingSpec;
  /** Messages the chunk completes (a sent chunk is always exactly one; an empty chunk none). */
  push(chunk: Chunk): M[];
  /** For idle framing: messages whose peer has been silent since before `now` (µs). */
  flush(now: number): M[];
  /** Bytes held per peer, waiting for the rest of a frame. */
  pending(): number;
  /**
   * Lets go of a peer's stream (its bytes are gone): a flood of ever new peers
   * must not grow the framer, and a peer that comes back starts again at 0.
   */
  forget(peerId: string): void;
}

/** Bytes of delimiter a well-formed frame's data leaves out. */
export function strippedBytes(spec: FramingSpec): number {
  if (spec.mode !== 'delimiter' || spec.keepDelimiter) return 0;
  const parsed = parseDelimiter(spec.delimiter, spec.delimiterFormat);
  return parsed.ok ? parsed.bytes.length : 0;
}

export function createMessageFramer(input: FramingSpecInput): MessageFramer {
  const spec = framingSpec.parse(input);
  const streams = new Map<string, PeerStream>();
  const stripped = strippedBytes(spec);

  const stream = (peerId: string): PeerStream => {
    let s = streams.get(peerId);
    if (!s)
      streams.set(peerId, (s = { framer: createFramer(spec), marks: [], consumed: 0, pushed: 0 }));
    return s;
  };

  /** Turns framer output into messages, naming the chunk each one started in. */
  const messages = (peerId: string, s: PeerStream, frames: ReturnType<Framer['push']>): Message[] =>
    frames.map((f) => {
      const start = s.consumed;
      // Only a well-formed delimiter frame had its delimiter stripped from `data`.
      s.consumed += f.data.length + (f.error === undefined ? stripped : 0);
      let m = 0;
      while (m < s.marks.length - 1 && s.marks[m]!.end <= start) m++;
      const mark = s.marks[m];
      let last = m;
      while (last < s.marks.length - 1 && s.marks[last]!.end < s.consumed) last++;
      const lastSeq = s.marks[last]?.seq ?? mark?.seq ?? 0;
      let drop = 0;
      while (drop < s.marks.length && s.marks[drop]!.end <= s.consumed) drop++;
      if (drop > 0) s.marks.splice(0, drop);
      const message: Message = {
        seq: mark?.seq ?? 0,
        time: f.firstTime,
        dir: 'rx',
        peerId,
        data: f.data,
      };
      if (lastSeq !== message.seq) message.lastSeq = lastSeq;
      if (f.error !== undefined) message.error = f.error;
      return message;
    });

  return {
    spec,
    push(chunk) {
      if (chunk.dir === 'tx' || spec.mode === 'raw') {
        if (chunk.data.length === 0) return [];
        const message: Message = {
          seq: chunk.seq,
          time: chunk.time,
          dir: chunk.dir,
          peerId: chunk.peerId,
          data: chunk.data,
        };
        if (chunk.origin) message.origin = chunk.origin;
        return [message];
      }
      const s = stream(chunk.peerId);
      if (chunk.data.length === 0) return [];
      s.pushed += chunk.data.length;
      s.marks.push({ end: s.pushed, seq: chunk.seq, time: chunk.time });
      return messages(chunk.peerId, s, s.framer.push(chunk.data, chunk.time));
    },
    flush(now) {
      const out: Message[] = [];
      for (const [peerId, s] of streams) out.push(...messages(peerId, s, s.framer.flush(now)));
      return out;
    },
    pending() {
      let n = 0;
      for (const s of streams.values()) n += s.framer.pending();
      return n;
    },
    forget(peerId) {
      streams.delete(peerId);
    },
  };
}
