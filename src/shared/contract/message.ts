import { z } from 'zod';
import { catalogue, isMessageCode, type MessageRef } from '../messages/catalogue';
import type { RequestIssue } from '../messages/request-issues';

export { msg, type MessageRef, type MessageCode } from '../messages/catalogue';
export type { RequestIssue } from '../messages/request-issues';

const requestIssueShape = z.looseObject({ code: z.string().max(100), path: z.string().max(1000) });

/** Whether `value` is a message of the catalogue with values of the kinds it says. */
function isMessageRef(value: unknown, depth: number): boolean {
  if (depth > 4 || typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (!isMessageCode(code) || typeof params !== 'object' || params === null) return false;
  const kinds: Record<string, string> = catalogue[code];
  const given = params as Record<string, unknown>;
  return Object.entries(kinds).every(([name, kind]) => {
    const v = given[name];
    switch (kind) {
      case 'text':
        return typeof v === 'string';
      case 'message':
        return isMessageRef(v, depth + 1);
      case 'issues':
        return (
          Array.isArray(v) &&
          v.every(
            (i: RequestIssue) =>
              requestIssueShape.safeParse(i).success &&
              (i.message === undefined || isMessageRef(i.message, depth + 1)),
          )
        );
      default:
        return typeof v === 'number';
    }
  });
}

/**
 * A message as it crosses the bridge: a catalogue code and its values, each
 * of the kind the catalogue says. The window turns it into a sentence.
 */
export const messageRef = z.custom<MessageRef>((value) => isMessageRef(value, 0));

/**
 * The contract's own words for a refinement: `.refine(check, says(msg(…)))`
 * or `ctx.addIssue({ code: 'custom', ...says(msg(…)) })`. The issue carries
 * the message in its params, so the window says it in its language; zod's
 * built-in checks need nothing (the window says them with zod's locale).
 */
export function says(message: MessageRef): { params: { message: MessageRef } } {
  return { params: { message } };
}
