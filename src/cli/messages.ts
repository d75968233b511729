import type { MessageRef } from '../shared/messages/catalogue';
import { englishOf } from '../shared/messages/plain-formats';
import { requestIssue } from '../shared/messages/request-issues';
import { EndpointError } from '../main/engine/system-errors';

/**
 * What the engine and automation report, as the sentence the command line
 * prints: a message of the catalogue in English with plain values, the way
 * every English view says it (`englishOf`). A problem that still carries its
 * own English sentence (`message`, as automation's problems do until they
 * move to the catalogue) is printed as it is.
 */
export function sentenceOf(
  ref: MessageRef | { code: string; params: object; message?: unknown },
): string {
  const own = (ref as { message?: unknown }).message;
  if (typeof own === 'string') return own;
  return englishOf(ref as { code: string; params: Record<string, unknown> });
}

/** A message that may be absent (an endpoint's last state line), or `otherwise`. */
export function sentenceOr(ref: MessageRef | null | undefined, otherwise: string): string {
  return ref ? englishOf(ref) : otherwise;
}

/** The sentence of whatever was thrown: an engine error's message, else its text. */
export function errorSentence(err: unknown): string {
  if (err instanceof EndpointError) return englishOf(err.ref);
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'code' in err && 'params' in err)
    return sentenceOf(err as { code: string; params: object });
  return String(err);
}

/**
 * One problem zod found in what the command line checked against the
 * contract: the contract's own check says its catalogue message; zod's own
 * checks already speak English.
 */
export function issueSentence(issue: { message: string } | undefined, otherwise: string): string {
  if (!issue) return otherwise;
  const ref = requestIssue(issue).message;
  return ref ? englishOf(ref) : issue.message;
}
