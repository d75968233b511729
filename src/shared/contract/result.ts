import { z } from 'zod';

/** Error codes a request can fail with; the message is always a sentence for a person. */
export const errorCode = z.enum([
  'invalid-request',
  'unknown-operation',
  'not-found',
  'wrong-state',
  'system',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCode>;

export interface WirebenchError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WirebenchError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
