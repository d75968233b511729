/**
 * JSON with raw byte fields, for the browser mode's WebSocket: every
 * Uint8Array is lifted out of the JSON into a binary tail instead of being
 * base64-encoded, so a megabyte of log costs a megabyte on the wire.
 *
 * Layout: [u32 BE json length][json utf-8][bytes of each Uint8Array, in order]
 * and each array appears in the JSON as {"$bin": [offset, length]}.
 */
import { msg } from '../messages/catalogue';
import { WireError } from './wire-error';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeMessage(value: unknown): Uint8Array {
  const out = new BinaryWriter();
  return out.finish(out.json(value));
}

/**
 * Builds one message: JSON text whose byte fields are lifted into the tail
 * in the order they are met. Whoever writes part of the JSON by hand
 * (event-wire.ts) lifts its byte fields with `bytes()`, in document order.
 */
export class BinaryWriter {
  private readonly parts: Uint8Array[] = [];
  private tail = 0;
  /**
   * The byte fields met last, while each began where the one before ended
   * in the same buffer (a flood's chunks lie one after the other in the
   * capture log's slabs): copied into the message as one part, not one a
   * chunk.
   */
  private run: { buffer: ArrayBufferLike; start: number; end: number } | null = null;
  private readonly replacer = (holder: Record<string, unknown>, key: string, v: unknown) => {
    // The holder's own value, not `v`: a Node Buffer's toJSON() has already run on `v`.
    const original = holder[key];
    return original instanceof Uint8Array ? { $bin: this.lift(original) } : v;
  };

  /** `value` as JSON, its byte fields lifted (undefined where JSON.stringify gives none). */
  json(value: unknown): string | undefined {
    const replacer = this.replacer;
    return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
      return replacer(this, key, v);
    });
  }

  /** The JSON of a byte field written by hand: `{"$bin":[offset,length]}`. */
  bytes(data: Uint8Array): string {
    const offset = this.tail;
    this.add(data);
    return '{"$bin":[' + offset + ',' + data.byteLength + ']}';
  }

  finish(json: string | undefined): Uint8Array {
    this.endRun();
    // A bare undefined (a call made with no request) has no JSON: it goes as null.
    const head = encoder.encode(json ?? 'null');
    const out = new Uint8Array(4 + head.byteLength + this.tail);
    new DataView(out.buffer).setUint32(0, head.byteLength);
    out.set(head, 4);
    let at = 4 + head.byteLength;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }

  private lift(data: Uint8Array): [number, number] {
    const ref: [number, number] = [this.tail, data.byteLength];
    this.add(data);
    return ref;
  }

  private add(data: Uint8Array): void {
    this.tail += data.byteLength;
    const run = this.run;
    if (run && run.buffer === data.buffer && run.end === data.byteOffset) {
      run.end += data.byteLength;
      return;
    }
    this.endRun();
    this.run = {
      buffer: data.buffer,
      start: data.byteOffset,
      end: data.byteOffset + data.byteLength,
    };
  }

  private endRun(): void {
    const run = this.run;
    if (run) this.parts.push(new Uint8Array(run.buffer, run.start, run.end - run.start));
    this.run = null;
  }
}

/**
 * Throws on anything that is not a well-formed message. The byte fields must
 * reference the tail as the encoder lays it out: in order, each starting
 * where the one before ended, together covering it exactly. So a message
 * can never produce more bytes than it carries (400 references to one
 * 1 MiB tail would otherwise make 400 MiB before the contract runs).
 */
export function decodeMessage(message: Uint8Array): unknown {
  if (message.byteLength < 4) throw new WireError(msg('wire.short-header', {}));
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const jsonLength = view.getUint32(0);
  const tailStart = 4 + jsonLength;
  if (tailStart > message.byteLength) throw new WireError(msg('wire.short-body', {}));
  const json = decoder.decode(message.subarray(4, tailStart));
  const tail = message.subarray(tailStart);
  // JSON.parse revives leaves in document order, the order encodeMessage wrote them.
  let next = 0;
  const value: unknown = JSON.parse(json, (_key, v: unknown) => {
    if (isBinaryRef(v)) {
      const [offset, length] = v.$bin;
      if (offset !== next)
        throw new WireError(msg('wire.field-out-of-order', { offset, expected: next }));
      if (length > tail.byteLength - offset) throw new WireError(msg('wire.field-past-end', {}));
      next = offset + length;
      // A plain copy, so a kept chunk does not pin the whole message in memory
      // (not slice(): on a Node Buffer, which a transport may hand us, it is a view).
      return new Uint8Array(tail.subarray(offset, next));
    }
    return v;
  });
  if (next !== tail.byteLength)
    throw new WireError(msg('wire.unreferenced-bytes', { count: tail.byteLength - next }));
  return value;
}

function isBinaryRef(v: unknown): v is { $bin: [number, number] } {
  if (typeof v !== 'object' || v === null || !('$bin' in v)) return false;
  const ref = (v as { $bin: unknown }).$bin;
  return (
    Array.isArray(ref) &&
    ref.length === 2 &&
    ref.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  );
}
