import { readFile } from 'node:fs/promises';
import type { AutoReplyRule } from '../../shared/automation/rule-spec';
import type { PeriodicSend, WorkspaceDocument } from '../../shared/contract/workspace';
import { validateWorkspace } from '../../shared/contract/workspace-parse';
import { englishOf } from '../../shared/messages/plain-formats';
import {
  UsageError,
  fileUnreadable,
  nameNotInWorkspace,
  notJson,
  optionNeeds,
  workspaceInvalid,
} from '../cli-errors';

/**
 * The part of a saved workspace the command line runs headless: the named
 * rule lists and periodic sends of the app's own workspace document
 * (src/shared/contract/workspace.ts), so one file serves the window and the
 * terminal:
 *
 *   {
 *     "version": 2,
 *     "tabs": [ … ],                                   (the window's; not used here)
 *     "rules":    { "NAME": [ AutoReplyRule, … ] },
 *     "periodic": { "NAME": { "payload": PayloadSpec, "intervalMs": 1000, "count": null } }
 *   }
 *
 * A version 1 file (rules and periodic only) is migrated as the app migrates
 * it; a newer version is refused rather than misread.
 */

export type WorkspaceAutomation = Pick<WorkspaceDocument, 'rules' | 'periodic'>;
export type { PeriodicSend };

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
  const parsed = validateWorkspace(json);
  if (!parsed.ok) throw new UsageError(workspaceInvalid(file, englishOf(parsed.problem)), command);
  return parsed.doc;
}

/** The entry `name` of one of the workspace's tables (rule lists, periodic sends), or a usage error saying which it has. */
function entryNamed<T>(
  command: string,
  file: string,
  what: string,
  table: Record<string, T>,
  name: string,
): T {
  const entry = table[name];
  if (entry === undefined)
    throw new UsageError(nameNotInWorkspace(what, name, file, Object.keys(table)), command);
  return entry;
}

export const AUTOMATION_OPTIONS = {
  workspace: { type: 'string' },
  rules: { type: 'string' },
  periodic: { type: 'string' },
} as const;

export const AUTOMATION_HELP = `Automation from a saved workspace (a device simulator in one line):
  --workspace FILE      a workspace saved by the app (Save workspace…), or by hand:
                        {"version":2, "rules":{NAME:[rule…]},
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
    rules: rules === undefined ? null : entryNamed(command, file, 'rules', workspace.rules, rules),
    periodic:
      periodic === undefined
        ? null
        : {
            name: periodic,
            send: entryNamed(command, file, 'periodic send', workspace.periodic, periodic),
          },
  };
}
