import type { ParamKind } from './catalogue';

/**
 * The workspace: its document in the data folder, workspace files the person
 * saves and opens, and what is wrong with one that does not open. A
 * `problem` is one of workspace.not-json, workspace.not-a-workspace,
 * workspace.newer, workspace.too-large, workspace.not-a-file or an fs.*
 * reason.
 */
export const workspaceCatalogue = {
  'workspace.invalid': { name: 'text', problem: 'message' },
  'workspace.not-json': { detail: 'text' },
  'workspace.not-a-workspace': { issues: 'issues' },
  'workspace.newer': { version: 'int', supported: 'int' },
  'workspace.restored-previous': { file: 'text', problem: 'message' },
  'workspace.save-failed': { file: 'text', detail: 'text' },
  'workspace.unavailable': {},
  'workspace.no-recent': { index: 'int' },
  'workspace.too-large': { size: 'bytes', max: 'bytes' },
  'workspace.not-a-file': {},
} as const satisfies Record<string, Record<string, ParamKind>>;
