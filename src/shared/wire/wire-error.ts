import type { MessageRef } from '../messages/catalogue';

/** A message the wire cannot carry or decode; `ref` says why (a wire.* message). */
export class WireError extends Error {
  constructor(readonly ref: MessageRef) {
    super(ref.code);
  }
}
