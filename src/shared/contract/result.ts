import { z } from 'zod';
import type { MessageRef } from '../messages/catalogue';

/** Error codes a request can fail with: the category; `message` says what, for a person. */
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
  /** A catalogue message (code and values): the window says it in its language. */
  message: MessageRef;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WirebenchError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: MessageRef): Result<never> {
  return { ok: false, error: { code, message } };
}
