import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { autoReplyRuleSchema, type AutoReplyRule } from '../../shared/automation/rule-spec';
import { payloadSpecSchema, type PayloadSpec } from '../../shared/payload/payload-spec';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../../main/engine/automation/periodic-sender';
import {
  UsageError,
  fileUnreadable,
  nameNotInWorkspace,
  notJson,
  optionNeeds,
  workspaceInvalid,
} from '../cli-errors';
import { issueSentence } from '../messages';

/**
 * The part of a saved workspace the command line runs headless, until the
 * workspace document (issue 12) is designed; the lead aligns the two. It is
 * read as:
 *
 *   {
 *     "version": 1,
 *     "rules":    { "NAME": [ AutoReplyRule, … ] },
 *     "periodic": { "NAME": { "payload": PayloadSpec, "intervalMs": 1000, "count": null } }
 *   }
 *
 * Each rule is validated by the app's own autoReplyRuleSchema, each payload
 * by payloadSpecSchema. Other top-level keys are allowed and ignored (the
 * workspace will hold tabs, options and drafts too); an unknown version is
 * refused rather than misread.
 */

export const WORKSPACE_VERSION = 1;

export const periodicSendSchema = z.object({
  payload: payloadSpecSchema,
  intervalMs: z.number().int().min(MIN_INTERVAL_MS).max(MAX_INTERVAL_MS),
  /** How many sends; null: until stopped. */
  count: z.number().int().min(1).nullable().default(null),
});
export type PeriodicSend = z.infer<typeof periodicSendSchema>;

export const workspaceAutomationSchema = z.object({
  version: z.literal(WORKSPACE_VERSION, { error: `The version is not ${WORKSPACE_VERSION}` }),
  rules: z.record(z.string(), z.array(autoReplyRuleSchema)).default({}),
  periodic: z.record(z.string(), periodicSendSchema).default({}),
});
export type WorkspaceAutomation = z.infer<typeof workspaceAutomationSchema>;

export async function loadWorkspace(command: string, file: string): Promise<WorkspaceAutomation> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(fileUnreadable('workspace', file, code), command);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(notJson(file, (err as Error).message), command);
  }
  const parsed = workspaceAutomationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'the document';
    throw new UsageError(workspaceInvalid(file, where, issueSentence(issue, 'invalid')), command);
  }
  return parsed.data;
}

export function rulesNamed(
  command: string,
  workspace: WorkspaceAutomation,
  name: string,
  file: string,
): AutoReplyRule[] {
  const rules = workspace.rules[name];
  if (!rules)
    throw new UsageError(
      nameNotInWorkspace('rules', name, file, Object.keys(workspace.rules)),
      command,
    );
  return rules;
}

export function periodicNamed(
  command: string,
  workspace: WorkspaceAutomation,
  name: string,
  file: string,
): PeriodicSend & { payload: PayloadSpec } {
  const periodic = workspace.periodic[name];
  if (!periodic)
    throw new UsageError(
      nameNotInWorkspace('periodic send', name, file, Object.keys(workspace.periodic)),
      command,
    );
  return periodic;
}

export const AUTOMATION_OPTIONS = {
  workspace: { type: 'string' },
  rules: { type: 'string' },
  periodic: { type: 'string' },
} as const;

export const AUTOMATION_HELP = `Automation from a saved workspace (a device simulator in one line):
  --workspace FILE      the workspace JSON: {"version":1, "rules":{NAME:[rule…]},
                        "periodic":{NAME:{"payload":…, "intervalMs":N, "count":N|null}}}
  --rules NAME          answer each message (as --framing cuts them) by these auto-reply rules
  --periodic NAME       send this payload every intervalMs (a listener: to each peer)`;

export interface AutomationChoice {
  rules: AutoReplyRule[] | null;
  periodic: { name: string; send: PeriodicSend } | null;
}

/** --workspace with --rules and/or --periodic, read and validated before any socket opens. */
export async function readAutomationChoice(
  command: string,
  values: { workspace?: string; rules?: string; periodic?: string },
): Promise<AutomationChoice> {
  const { workspace: file, rules, periodic } = values;
  if (file === undefined) {
    if (rules !== undefined || periodic !== undefined)
      throw new UsageError(
        optionNeeds(rules !== undefined ? '--rules' : '--periodic', '--workspace FILE'),
        command,
      );
    return { rules: null, periodic: null };
  }
  if (rules === undefined && periodic === undefined)
    throw new UsageError(optionNeeds('--workspace', '--rules NAME or --periodic NAME'), command);
  const workspace = await loadWorkspace(command, file);
  return {
    rules: rules === undefined ? null : rulesNamed(command, workspace, rules, file),
    periodic:
      periodic === undefined
        ? null
        : { name: periodic, send: periodicNamed(command, workspace, periodic, file) },
  };
}
