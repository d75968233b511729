import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  MAX_WORKSPACE_JSON_CHARS,
  emptyWorkspace,
  type WorkspaceDocument,
} from '../../shared/contract/workspace';
import { parseWorkspace } from '../../shared/contract/workspace-parse';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { fileFailure, plain } from '../engine/system-errors';
import { writeAtomically, type BeforeRename } from './atomic-file';

export const WORKSPACE_FILE = 'workspace.json';
export const PREVIOUS_WORKSPACE_FILE = 'workspace.previous.json';
/** A file's bytes, at most: the upload's limit in characters, each up to 3 bytes of UTF-8 (BMP). */
export const MAX_WORKSPACE_FILE_BYTES = MAX_WORKSPACE_JSON_CHARS * 3;

/** What start found in the data folder, and what to tell the person about it (once). */
export interface LoadedWorkspace {
  doc: WorkspaceDocument;
  notice: MessageRef | null;
}

/**
 * The current workspace on disk, in the data folder: `workspace.json`, the
 * one written before it as `workspace.previous.json` (writeAtomically keeps
 * it). Loading never throws: a missing file is an empty workspace; a file
 * that does not read or validate is kept aside and the previous one loads,
 * with a notice saying why. Writes run one at a time, the latest wins.
 */
export class WorkspaceStore {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly beforeRename?: BeforeRename,
  ) {}

  get file(): string {
    return path.join(this.dir, WORKSPACE_FILE);
  }

  private get previous(): string {
    return path.join(this.dir, PREVIOUS_WORKSPACE_FILE);
  }

  async load(): Promise<LoadedWorkspace> {
    await this.removeStaleTemps();
    const current = await readDocument(this.file);
    if (current.ok) return { doc: current.doc, notice: null };
    const previous = await readDocument(this.previous);
    // Missing with a previous one: a save stopped between its two renames. Nothing to say.
    if (current.missing)
      return { doc: previous.ok ? previous.doc : emptyWorkspace(), notice: null };
    await this.setAside();
    const notice = previous.ok
      ? msg('workspace.restored-previous', { file: this.file, problem: current.problem })
      : msg('workspace.invalid', { name: this.file, problem: current.problem });
    return { doc: previous.ok ? previous.doc : emptyWorkspace(), notice };
  }

  /** Writes `doc` after any write still running; a failure is said, not thrown. */
  save(doc: WorkspaceDocument): Promise<MessageRef | null> {
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    const done = this.queue.then(() =>
      writeAtomically(this.file, text, {
        previous: this.previous,
        beforeRename: this.beforeRename,
      }).then(
        () => null,
        (err: unknown) => msg('workspace.save-failed', { file: this.file, detail: plain(err) }),
      ),
    );
    this.queue = done.then(() => undefined);
    return done;
  }

  /** A bad current file is kept for the person to look at, never overwritten. */
  private async setAside(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await fs
      .rename(this.file, path.join(this.dir, `workspace.corrupt-${stamp}.json`))
      .catch(() => undefined);
  }

  /** Temp files of a save that was killed before its rename. */
  private async removeStaleTemps(): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => n.startsWith(`${WORKSPACE_FILE}.`) && n.endsWith('.tmp'))
        .map((n) => fs.rm(path.join(this.dir, n), { force: true }).catch(() => undefined)),
    );
  }
}

type ReadResult =
  { ok: true; doc: WorkspaceDocument } | { ok: false; missing: boolean; problem: MessageRef };

/** A workspace file → its document, or why not (said as a workspace.* or fs.* message). */
export async function readDocument(file: string): Promise<ReadResult> {
  let text: string;
  try {
    // Looked at before it is opened: a FIFO would block the open, a device or a
    // huge file would be read whole into memory before anything could refuse it.
    const stat = await fs.stat(file);
    if (!stat.isFile())
      return { ok: false, missing: false, problem: msg('workspace.not-a-file', {}) };
    if (stat.size > MAX_WORKSPACE_FILE_BYTES) {
      const problem = msg('workspace.too-large', {
        size: stat.size,
        max: MAX_WORKSPACE_FILE_BYTES,
      });
      return { ok: false, missing: false, problem };
    }
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, missing: e.code === 'ENOENT', problem: fileFailure(e) };
  }
  const parsed = parseWorkspace(text);
  return parsed.ok ? parsed : { ok: false, missing: false, problem: parsed.problem };
}
