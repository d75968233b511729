import type { Result, WirebenchError } from '../../src/shared/contract/result';

/** The value of a call that must succeed; otherwise its error is thrown as `code: sentence`. */
export async function must<T>(result: Result<T> | Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The error of a call that must fail (its code and sentence); throws if it succeeded. */
export async function failure(
  result: Result<unknown> | Promise<Result<unknown>>,
): Promise<WirebenchError> {
  const r = await result;
  if (r.ok)
    throw new Error(`The call succeeded but should have failed: ${JSON.stringify(r.value)}`);
  return r.error;
}

/** The sentence a raw call fails with (raw: a test's request may be wrong on purpose). */
export async function refusal(
  bridge: { raw(op: unknown, payload: unknown): Promise<Result<unknown>> },
  op: string,
  payload: unknown,
): Promise<string> {
  return (await failure(bridge.raw(op, payload))).message;
}
