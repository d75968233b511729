import type { MessageRef } from '../messages/catalogue';

/**
 * What every payload parser returns. Positions are UTF-16 offsets into the
 * source text (end exclusive), which is what Monaco's model.getPositionAt
 * takes, so the UI can put a marker under exactly the offending characters.
 */
export interface PayloadIssue {
  /** A payload.* message: the window says it in its language. */
  message: MessageRef;
  start: number;
  end: number;
  /**
   * Set when the problem is in a setting rather than in the source text
   * (e.g. a checksum range longer than the payload); start and end are 0 then.
   */
  field?: 'checksum';
}

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; issues: PayloadIssue[] };

/** Beyond this many, more markers only bury the first one, which is the one to fix. */
export const MAX_ISSUES = 100;

export function issue(message: MessageRef, start: number, end: number): PayloadIssue {
  return { message, start, end };
}

/** How a character is named in a message: itself, or U+XXXX when it would be invisible. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (/[\p{C}\p{Z}]/u.test(ch)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
