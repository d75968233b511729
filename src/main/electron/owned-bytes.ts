/**
 * What the Electron transport hands to its serializer: the value with every
 * byte field that is a view into a bigger or shared buffer replaced by a
 * compact copy. Electron's serializer, like structuredClone, copies a
 * view's whole underlying buffer (a 4 MiB slab of the capture log for a
 * 60-byte chunk), and refuses a SharedArrayBuffer outright, which the log's
 * slabs are. Objects on the way to a copied field are copied shallowly
 * (the log's own chunks are never changed); the rest is shared as it is.
 */
export function ownedBytes<T>(value: T): T {
  return own(value) as T;
}

function own(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const whole =
      !(value.buffer instanceof SharedArrayBuffer) &&
      value.byteOffset === 0 &&
      value.byteLength === value.buffer.byteLength;
    return whole ? value : value.slice();
  }
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = own(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    let out: Record<string, unknown> | null = null;
    for (const [key, v] of Object.entries(value)) {
      const o = own(v);
      if (o !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = o;
    }
    return out ?? value;
  }
  return value;
}
