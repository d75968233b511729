import type { Chunk, EventBatch } from '../contract';
import { BinaryWriter } from './binary-json';

/**
 * An event batch as one binary message, the same message encodeMessage
 * makes of it (binary-json.ts), made faster where a flood makes it
 * matter: a batch holds up to thousands of chunks, and JSON.stringify
 * calls its replacer for every field of every chunk. A chunk's JSON is
 * written here by hand instead, in the order the engine makes its fields;
 * every other event goes through JSON.stringify as before.
 *
 * `envelope`: the WebSocket wraps a batch as {kind:'events', batch}.
 */
export function encodeEventBatch(batch: EventBatch, envelope = false): Uint8Array {
  const out = new BinaryWriter();
  let json = `{"seq":${num(batch.seq)},"events":[`;
  batch.events.forEach((event, i) => {
    if (i > 0) json += ',';
    if (event.type !== 'chunks') {
      json += out.json(event) ?? 'null';
      return;
    }
    json += '{"type":"chunks","chunks":[' + chunksJson(out, event.chunks) + ']}';
  });
  json += ']}';
  return out.finish(envelope ? `{"kind":"events","batch":${json}}` : json);
}

/** Ids are short and checked by the contract ([A-Za-z0-9_-]); anything else is quoted in full. */
const PLAIN = /^[A-Za-z0-9_-]*$/;
const str = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
/** JSON has no NaN or Infinity; a number it cannot write is null, as JSON.stringify writes it. */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * A chunk's time (µs since the epoch, past 2^31: V8 writes it with its
 * double-to-text code) as the same digits, made from two small integers,
 * the first of which a flood repeats for a second at a time.
 */
let lastSeconds = -1;
let lastSecondsText = '';
function micros(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1e6) return num(n);
  const seconds = Math.floor(n / 1e6);
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastSecondsText = String(seconds);
  }
  return lastSecondsText + String(1e6 + (n - seconds * 1e6)).slice(1);
}

/**
 * Chunks as the log makes them: {endpointId, peerId, dir, time, data},
 * the origin of one automation sent, and then their seq. A run of one peer's chunks in one direction (a flood)
 * shares the first three fields' JSON, written once.
 */
function chunksJson(out: BinaryWriter, chunks: Chunk[]): string {
  let json = '';
  let endpointId: string | null = null;
  let peerId: string | null = null;
  let dir: string | null = null;
  let head = '';
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k]!;
    if (c.endpointId !== endpointId || c.peerId !== peerId || c.dir !== dir) {
      endpointId = c.endpointId;
      peerId = c.peerId;
      dir = c.dir;
      head = `{"endpointId":${str(endpointId)},"peerId":${str(peerId)},"dir":${str(dir)},"time":`;
    }
    json +=
      (k > 0 ? ',' : '') +
      head +
      micros(c.time) +
      ',"data":' +
      out.bytes(c.data) +
      // Automation's chunks say who sent them (tagged before the log gave the seq).
      (c.origin ? ',"origin":' + JSON.stringify(c.origin) : '') +
      ',"seq":' +
      num(c.seq) +
      '}';
  }
  return json;
}
