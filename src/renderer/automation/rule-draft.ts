import { checkPayloadSource } from '../../shared/automation/captures';
import { compileRule } from '../../shared/automation/rule-match';
import { autoReplyRuleSchema, type AutoReplyRule } from '../../shared/automation/rule-spec';
import type { AutoReplyStatus, RuleProblem } from '../../shared/contract';
import type { TextEncodingName } from '../../shared/payload/encodings';
import type { PayloadIssue } from '../../shared/payload/issues';

let nextRule = 1;

/** A fresh rule: Text, empty, answering with an empty text reply (the person fills it in). */
export function newRule(): AutoReplyRule {
  return autoReplyRuleSchema.parse({
    id: `r${Date.now().toString(36)}${nextRule++}`,
    matchAs: 'text',
    reply: { mode: 'text', source: '' },
  });
}

export function moveRule(rules: AutoReplyRule[], index: number, by: -1 | 1): AutoReplyRule[] {
  const to = index + by;
  if (to < 0 || to >= rules.length) return rules;
  const next = [...rules];
  [next[index], next[to]] = [next[to] as AutoReplyRule, next[index] as AutoReplyRule];
  return next;
}

/** What is wrong with a rule's match, said in place: the window's own check first, then main's. */
export function matchProblem(
  rule: AutoReplyRule,
  encoding: TextEncodingName,
  status: AutoReplyStatus | undefined,
): RuleProblem | null {
  const local = compileRule(rule, encoding);
  if (!local.ok && local.field === 'match')
    return {
      field: 'match',
      message: local.problem,
      ...(local.start !== undefined ? { start: local.start, end: local.end } : {}),
    };
  const remote = status?.rules.find((r) => r.ruleId === rule.id)?.problem;
  return remote?.field === 'match' ? remote : null;
}

/** The reply's problems, with `{{$1}}` allowed (checkPayloadSource): the first is shown. */
export function replyIssue(rule: AutoReplyRule): PayloadIssue | null {
  return checkPayloadSource(rule.reply)[0] ?? null;
}
