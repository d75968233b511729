import type { Result, WirebenchError } from '../../src/shared/contract/result';
import { englishOf } from '../../src/shared/messages/plain-formats';

/** The value of a call that must succeed; otherwise its error is thrown as `code: sentence`. */
export async function must<T>(result: Result<T> | Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${englishOf(r.error.message)}`);
  return r.value;
}

/** The error of a call that must fail (its code and message); throws if it succeeded. */
export async function failure(
  result: Result<unknown> | Promise<Result<unknown>>,
): Promise<WirebenchError> {
  const r = await result;
  if (r.ok)
    throw new Error(`The call succeeded but should have failed: ${JSON.stringify(r.value)}`);
  return r.error;
}

/**
 * The English sentence a raw call fails with (raw: a test's request may be
 * wrong on purpose), as the command line would say it (plain values).
 */
export async function refusal(
  bridge: { raw(op: unknown, payload: unknown): Promise<Result<unknown>> },
  op: string,
  payload: unknown,
): Promise<string> {
  return englishOf((await failure(bridge.raw(op, payload))).message);
}
