import { isMessageCode, type MessageRef } from '../../src/shared/messages/catalogue';
import { englishOf } from '../../src/shared/messages/plain-formats';

/** `T` with every catalogue message in it as its English sentence. */
export type English<T> = T extends MessageRef
  ? string
  : T extends Uint8Array
    ? T
    : T extends ReadonlyArray<infer U>
      ? English<U>[]
      : T extends object
        ? { [K in keyof T]: English<T[K]> }
        : T;

function isRef(v: unknown): v is MessageRef {
  return (
    typeof v === 'object' &&
    v !== null &&
    isMessageCode((v as { code?: unknown }).code) &&
    typeof (v as { params?: unknown }).params === 'object'
  );
}

/**
 * A value with every message in it said in English with plain values (as
 * the command line says them), so a test can compare what a person reads.
 */
export function inEnglish<T>(value: T): English<T> {
  if (isRef(value)) return englishOf(value) as English<T>;
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) {
    return value as English<T>;
  }
  if (Array.isArray(value)) return value.map((v) => inEnglish(v)) as English<T>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = inEnglish(v);
  return out as English<T>;
}

/** `fn` with its result in English (see inEnglish). */
export function speaking<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => English<R> {
  return (...args) => inEnglish(fn(...args));
}

/** The message an error carries (EndpointError, WireError: `ref`; a scan: `reason`). */
function refOf(err: unknown): MessageRef | null {
  const e = err as { ref?: unknown; reason?: unknown };
  if (isRef(e?.ref)) return e.ref;
  if (isRef(e?.reason)) return e.reason;
  return null;
}

/** What `fn` throws, said in English; a test failure when it throws nothing or no message. */
export function thrownEnglish(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    const ref = refOf(err);
    if (!ref) throw new Error(`It threw something without a message: ${String(err)}`);
    return englishOf(ref);
  }
  throw new Error('It did not throw');
}

/** What `promise` rejects with, said in English. */
export async function rejectedEnglish(promise: Promise<unknown>): Promise<string> {
  let rejected: unknown;
  try {
    await promise;
  } catch (err) {
    rejected = err;
  }
  const ref = refOf(rejected);
  if (!ref) throw new Error(`It did not reject with a message: ${String(rejected)}`);
  return englishOf(ref);
}

/** The error of a call that must fail, whatever its message is made of. */
export async function failed<E>(
  result: Promise<{ ok: true; value: unknown } | { ok: false; error: E }>,
): Promise<E> {
  const r = await result;
  if (r.ok)
    throw new Error(`The call succeeded but should have failed: ${JSON.stringify(r.value)}`);
  return r.error;
}
