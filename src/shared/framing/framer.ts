/**
 * Incremental framing: received chunks in, the device's messages out. The
 * same bytes give the same frames however the network chunked them (the
 * tests check every split point), because every cut depends on the bytes
 * alone, never on where a chunk happened to end. Only `idle` depends on
 * time, and it is given times rather than running timers, so it stays pure.
 */
import { msg, type MessageRef } from '../messages/catalogue';
import { ByteQueue } from './byte-queue';
import { parseDelimiter } from './delimiter-field';
import { framingSpec, type FramingSpec, type FramingSpecInput } from './framing-spec';

/** One message. `error` says why it is not a well-formed frame (it still holds the bytes). */
export interface Frame {
  data: Uint8Array;
  /** Time (µs) of the chunk that brought the first byte. */
  firstTime: number;
  /** Time (µs) of the chunk that brought the last byte (delimiter included). */
  lastTime: number;
  error?: MessageRef;
}

export interface Framer {
  /** Adds received bytes; returns the frames they complete (possibly none). */
  push(data: Uint8Array, time: number): Frame[];
  /** For the idle timer: returns what has been idle since before `now`. Other modes return []. */
  flush(now: number): Frame[];
  /** The connection closed: returns whatever is left, marked incomplete where it is. */
  end(): Frame[];
  /** Bytes held, waiting for the rest of a frame. */
  pending(): number;
}

function frame(
  taken: { data: Uint8Array; firstTime: number; lastTime: number },
  error?: MessageRef,
): Frame {
  return error === undefined ? taken : { ...taken, error };
}

/** Each non-empty chunk is a message; the chunk's bytes are handed on without a copy. */
function rawFramer(): Framer {
  return {
    push: (data, time) => (data.length > 0 ? [{ data, firstTime: time, lastTime: time }] : []),
    flush: () => [],
    end: () => [],
    pending: () => 0,
  };
}

/** A framer whose cuts depend only on the queued bytes. */
function queueFramer(
  cut: (q: ByteQueue, out: Frame[]) => boolean,
  atEnd: (q: ByteQueue) => MessageRef,
): Framer {
  const q = new ByteQueue();
  return {
    push(data, time) {
      q.push(data, time);
      const out: Frame[] = [];
      while (q.length > 0 && cut(q, out));
      return out;
    },
    flush: () => [],
    end() {
      const out: Frame[] = [];
      while (q.length > 0 && cut(q, out));
      if (q.length > 0) {
        const error = atEnd(q);
        out.push(frame(q.take(q.length), error));
      }
      return out;
    },
    pending: () => q.length,
  };
}

function delimiterFramer(spec: Extract<FramingSpec, { mode: 'delimiter' }>): Framer {
  const parsed = parseDelimiter(spec.delimiter, spec.delimiterFormat);
  if (!parsed.ok) throw new RangeError(parsed.error.code);
  const delim = parsed.bytes;
  const max = spec.maxFrameBytes;
  // Bytes before `scanned` are known not to start a delimiter: never rescan them.
  let scanned = 0;
  return queueFramer(
    (q, out) => {
      // A message's content may be up to `max` bytes, so a delimiter can start at `max` at the latest.
      const at = q.indexOf(delim, scanned);
      if (at >= 0 && at <= max) {
        scanned = 0;
        out.push(frame(q.take(at + delim.length, spec.keepDelimiter ? at + delim.length : at)));
        return true;
      }
      if (q.length >= max + delim.length) {
        // No delimiter can end this message within the limit: cut at the limit, so
        // the same stream is cut at the same place however it was chunked.
        scanned = 0;
        out.push(frame(q.take(max), msg('frame.no-delimiter', { max })));
        return true;
      }
      scanned = Math.max(0, q.length - delim.length + 1);
      return false;
    },
    (q) => msg('frame.ended-after-delimiter', { count: q.length }),
  );
}

function fixedFramer(length: number): Framer {
  return queueFramer(
    (q, out) => {
      if (q.length < length) return false;
      out.push(frame(q.take(length)));
      return true;
    },
    (q) => msg('frame.ended-in-frame', { count: q.length, length }),
  );
}

function readLength(q: ByteQueue, at: number, size: number, big: boolean): number {
  let value = 0;
  for (let i = 0; i < size; i++) {
    const b = q.at(at + (big ? i : size - 1 - i));
    value = value * 256 + b;
  }
  return value;
}

/**
 * Resync rule for a header whose length is impossible (over `maxFrameBytes`,
 * or shorter than the header itself): the first byte is garbage, and the
 * header is looked for again one byte later. Consecutive garbage bytes are
 * reported as one error frame (at most `maxFrameBytes` long), emitted as soon
 * as a plausible header follows them. The decision depends only on the bytes,
 * so resync is as chunking-independent as the frames themselves.
 */
function lengthPrefixFramer(spec: Extract<FramingSpec, { mode: 'length-prefix' }>): Framer {
  const headerEnd = spec.offset + spec.size;
  const big = spec.endian === 'big';
  const max = spec.maxFrameBytes;
  let garbage = 0;
  let garbageError: MessageRef = msg('frame.no-delimiter', { max });

  const emitGarbage = (q: ByteQueue, out: Frame[]): void => {
    out.push(frame(q.take(garbage), garbageError));
    garbage = 0;
  };

  return queueFramer(
    (q, out) => {
      if (q.length < garbage + headerEnd) return false;
      const field = readLength(q, garbage + spec.offset, spec.size, big);
      const total = (spec.includesHeader ? 0 : headerEnd) + field + spec.adjustment;
      if (total < headerEnd || total > max) {
        if (garbage === 0) {
          garbageError =
            total > max
              ? msg('frame.length-over-limit', { field, total, max })
              : msg('frame.length-under-header', { field, total, header: headerEnd });
        }
        garbage++;
        if (garbage === max) emitGarbage(q, out);
        return true;
      }
      if (garbage > 0) {
        emitGarbage(q, out);
        return true;
      }
      if (q.length < total) return false;
      out.push(frame(q.take(total)));
      return true;
    },
    (q) => {
      if (garbage > 0) return garbageError;
      if (q.length < headerEnd)
        return msg('frame.ended-in-header', { count: q.length, header: headerEnd });
      const field = readLength(q, spec.offset, spec.size, big);
      const total = (spec.includesHeader ? 0 : headerEnd) + field + spec.adjustment;
      return msg('frame.ended-in-frame', { count: q.length, length: total });
    },
  );
}

function idleFramer(spec: Extract<FramingSpec, { mode: 'idle' }>): Framer {
  const q = new ByteQueue();
  const gapUs = spec.gapMs * 1000;
  const max = spec.maxFrameBytes;
  const all = (out: Frame[]): Frame[] => {
    if (q.length > 0) out.push(frame(q.take(q.length)));
    return out;
  };
  return {
    push(data, time) {
      const out: Frame[] = [];
      if (data.length === 0) return out;
      // A gap before this chunk ends the message before it, even if no timer fired.
      if (q.length > 0 && time - q.lastTime >= gapUs) all(out);
      q.push(data, time);
      while (q.length >= max) {
        out.push(frame(q.take(max), msg('frame.no-idle-gap', { max })));
      }
      return out;
    },
    flush: (now) => (q.length > 0 && now - q.lastTime >= gapUs ? all([]) : []),
    end: () => all([]),
    pending: () => q.length,
  };
}

/**
 * A framer for one connection's received bytes. Accepts a spec with defaults
 * omitted; throws a ZodError (with readable messages) for an invalid spec.
 */
export function createFramer(input: FramingSpecInput): Framer {
  const spec = framingSpec.parse(input);
  switch (spec.mode) {
    case 'raw':
      return rawFramer();
    case 'delimiter':
      return delimiterFramer(spec);
    case 'fixed':
      return fixedFramer(spec.length);
    case 'length-prefix':
      return lengthPrefixFramer(spec);
    case 'idle':
      return idleFramer(spec);
  }
}
