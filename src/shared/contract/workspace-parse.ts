import { msg, type MessageRef } from '../messages/catalogue';
import { requestIssues } from '../messages/request-issues';
import { WORKSPACE_VERSION, workspaceDocument, type WorkspaceDocument } from './workspace';

/**
 * Workspace text → a current document, or the one problem that stops it
 * (where in the document, and what). Older versions are migrated first;
 * the migrations run in order, each taking one version to the next, so a
 * version 1 file passes through every later step.
 */
export type ParsedWorkspace =
  | { ok: true; doc: WorkspaceDocument; migratedFrom: number | null }
  | { ok: false; problem: MessageRef };

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[v] takes a version v document to version v + 1. */
const MIGRATIONS: Record<number, Migration> = {
  /**
   * Version 1 was the command line's file: named `rules` and `periodic`
   * and nothing else it read. It becomes a workspace with no tabs that
   * keeps both, so `--workspace old.json --rules NAME` still runs.
   */
  1: (old) => ({ ...old, version: 2, settings: {}, tabs: [], active: null }),
};

export function migrateWorkspace(
  raw: unknown,
): { ok: true; value: unknown; from: number | null } | { ok: false; problem: MessageRef } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: true, value: raw, from: null };
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: true, value: raw, from: null }; // the schema says what is wrong with it
  }
  if (version > WORKSPACE_VERSION) {
    return {
      ok: false,
      problem: msg('workspace.newer', { version, supported: WORKSPACE_VERSION }),
    };
  }
  let doc = raw as Record<string, unknown>;
  for (let v = version; v < WORKSPACE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) break;
    doc = step(doc);
  }
  return { ok: true, value: doc, from: version === WORKSPACE_VERSION ? null : version };
}

export function parseWorkspace(text: string): ParsedWorkspace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: msg('workspace.not-json', { detail: (err as Error).message }) };
  }
  return validateWorkspace(raw);
}

/** An already-parsed value (a document main built, a file's JSON) → a current document. */
export function validateWorkspace(raw: unknown): ParsedWorkspace {
  const migrated = migrateWorkspace(raw);
  if (!migrated.ok) return migrated;
  const parsed = workspaceDocument.safeParse(migrated.value, { reportInput: true });
  if (parsed.success) return { ok: true, doc: parsed.data, migratedFrom: migrated.from };
  const issues = requestIssues(parsed.error).issues.slice(0, 1);
  return { ok: false, problem: msg('workspace.not-a-workspace', { issues }) };
}
