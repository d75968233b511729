import { msg, type MessageParams, type MessageRef } from '../messages/catalogue';
import type { automationCatalogue } from '../messages/catalogue-automation';
import { englishOf } from '../messages/plain-formats';
import type { PayloadIssue } from '../payload/issues';

/**
 * Every problem automation reports (script diagnostics, rule compile errors,
 * run failures) is a message of the catalogue (catalogue-automation.ts):
 * a code and its parameters, which the window and the command line turn
 * into a sentence in the user's language. Code here names them without the
 * `automation.` prefix.
 */

type AutomationCode = keyof typeof automationCatalogue;
export type ProblemCode = AutomationCode extends `automation.${infer C}` ? C : never;
export type ProblemParams = { [C in ProblemCode]: MessageParams[`automation.${C}`] };

/** A problem as it travels: one of automation's messages. */
export type AutomationProblem = Extract<MessageRef, { code: AutomationCode }>;

/** The message for a problem, its parameters checked against the catalogue. */
export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParams[C],
): AutomationProblem {
  return msg(`automation.${code}`, params as never) as AutomationProblem;
}

/** Whether a value is one of automation's messages (an AbortSignal's reason may be one). */
export function isAutomationProblem(value: unknown): value is AutomationProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return typeof code === 'string' && code.startsWith('automation.') && typeof params === 'object';
}

/** The English sentence for a problem (tests, and errors that still carry sentences). */
export function describeProblem(p: { code: string; params: Record<string, unknown> }): string {
  return englishOf(p);
}

/** Why a payload could not be composed: its first issue (the editor marks every one). */
export function composeFailed(issues: readonly PayloadIssue[]): AutomationProblem {
  const first = issues[0];
  return first
    ? problem('compose-failed', { reason: first.message })
    : problem('crashed', { detail: 'a payload failed to compose without saying why' });
}
