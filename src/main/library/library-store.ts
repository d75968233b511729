import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  LIBRARY_VERSION,
  MAX_LIBRARY_ITEMS,
  migrateLibraryDocument,
  type LibraryDocument,
  type LibraryItem,
  type PayloadItem,
  type SequenceItem,
} from '../../shared/contract/library';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { requestIssues } from '../../shared/messages/request-issues';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { EndpointError } from '../engine/system-errors';
import {
  libraryStuck,
  librarySaveFailed,
  librarySetAside,
  libraryUnreadable,
} from './library-errors';

export const LIBRARY_FILE = 'payload-library.json';

/**
 * The payload library on disk: one versioned JSON document in the app's
 * data directory, validated on load and written atomically (a temp file,
 * then rename). Only a file whose content does not parse or validate is
 * moved aside (the library then starts empty, with a notice); a file the
 * system would not hand over (permissions, too many open files, a disk
 * error) is left alone and the operation fails, saying why. A file is
 * never overwritten unless it was read, or moved aside, first. Operations
 * run one at a time, so two quick saves cannot interleave.
 */
export class LibraryStore {
  private doc: LibraryDocument | null = null;
  private notice: MessageRef | null = null;
  /** Set while a bad file could not be moved aside: saving would replace it, so it is refused. */
  private stuck: MessageRef | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly nowMicros: () => number = () => Date.now() * 1000,
  ) {}

  get file(): string {
    return path.join(this.dir, LIBRARY_FILE);
  }

  /** The items, and (once) the message about a library that had to be set aside. */
  list(): Promise<{ items: LibraryItem[]; notice: MessageRef | null }> {
    return this.run(
      async (doc) => {
        const notice = this.notice;
        this.notice = null;
        return { items: doc.items, notice };
      },
      { evenIfStuck: true },
    );
  }

  save(input: { id?: string; name: string; spec: PayloadSpec }): Promise<PayloadItem> {
    return this.put('payload', input.id, (base) => ({
      ...base,
      kind: 'payload',
      name: input.name.trim(),
      spec: input.spec,
    }));
  }

  saveSequence(input: { id?: string; name: string; script: string }): Promise<SequenceItem> {
    return this.put('sequence', input.id, (base) => ({
      ...base,
      kind: 'sequence',
      name: input.name.trim(),
      script: input.script,
    }));
  }

  /** Adds an item, or replaces the one with `id` (which must be of the same kind). */
  private put<T extends LibraryItem>(
    kind: T['kind'],
    id: string | undefined,
    make: (base: { id: string; createdAt: number; updatedAt: number }) => T,
  ): Promise<T> {
    return this.change((doc) => {
      const now = this.nowMicros();
      if (id) {
        const index = doc.items.findIndex((i) => i.id === id && i.kind === kind);
        const old = doc.items[index];
        if (!old) throw notFound(id);
        const item = make({ id, createdAt: old.createdAt, updatedAt: now });
        doc.items[index] = item;
        return item;
      }
      roomFor(doc, 1);
      const item = make({ id: randomUUID(), createdAt: now, updatedAt: now });
      doc.items.push(item);
      return item;
    });
  }

  rename(id: string, name: string): Promise<LibraryItem> {
    return this.change((doc) => {
      const item = find(doc, id);
      item.name = name.trim();
      item.updatedAt = this.nowMicros();
      return { ...item };
    });
  }

  duplicate(id: string): Promise<LibraryItem> {
    return this.change((doc) => {
      const source = find(doc, id);
      roomFor(doc, 1);
      const now = this.nowMicros();
      const copy: LibraryItem = {
        ...structuredClone(source),
        id: randomUUID(),
        name: copyName(source.name),
        createdAt: now,
        updatedAt: now,
      };
      doc.items.splice(doc.items.indexOf(source) + 1, 0, copy);
      return copy;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.change((doc) => {
      const before = doc.items.length;
      doc.items = doc.items.filter((i) => i.id !== id);
      return doc.items.length !== before;
    });
  }

  /** Adds the items of an exported library (new ids, so nothing is replaced). */
  import(json: string): Promise<{ added: number; items: LibraryItem[] }> {
    const parsed = parseDocument(json);
    if (!parsed.ok) {
      const refusal = msg('library.import-invalid', { reason: parsed.reason });
      return Promise.reject(new EndpointError(refusal, 'invalid-request'));
    }
    return this.change((doc) => {
      const { items } = parsed.doc;
      roomFor(doc, items.length);
      const now = this.nowMicros();
      for (const item of items) doc.items.push({ ...item, id: randomUUID(), updatedAt: now });
      return { added: items.length, items: doc.items };
    });
  }

  export(): Promise<{ json: string; count: number }> {
    return this.run(async (doc) => ({
      json: `${JSON.stringify(doc, null, 2)}\n`,
      count: doc.items.length,
    }));
  }

  /**
   * Runs `work` after every earlier operation, on the loaded document. While
   * a bad file could not be set aside only a listing runs (it shows the
   * library empty, with the reason); anything that would write or export is refused.
   */
  private run<T>(
    work: (doc: LibraryDocument) => Promise<T>,
    { evenIfStuck = false } = {},
  ): Promise<T> {
    const next = this.queue.then(async () => {
      const doc = await this.load();
      if (this.stuck && !evenIfStuck) throw new EndpointError(this.stuck, 'wrong-state');
      return work(doc);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A change is kept in memory only once it is on disk. */
  private change<T>(edit: (doc: LibraryDocument) => T): Promise<T> {
    return this.run(async (doc) => {
      const draft = structuredClone(doc);
      const result = edit(draft);
      await this.write(draft);
      this.doc = draft;
      return result;
    });
  }

  /**
   * The document, read once and then kept. Nothing is kept after a failure,
   * so the next operation reads the file again (the user may have fixed it).
   */
  private async load(): Promise<LibraryDocument> {
    if (this.doc) return this.doc;
    this.stuck = null;
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return (this.doc = emptyDocument());
      // Not the content's fault: moving the file aside would lose a good library.
      throw new EndpointError(libraryUnreadable(this.file, e));
    }
    const parsed = parseDocument(text);
    if (parsed.ok) return (this.doc = parsed.doc);
    return this.setAside(parsed.reason);
  }

  /**
   * Keeps the bad file as a backup and starts empty; the user hears it once.
   * When it cannot be moved, it stays where it is and the library is stuck:
   * shown empty, saving refused, tried again at every operation.
   */
  private async setAside(reason: MessageRef): Promise<LibraryDocument> {
    const stamp = new Date(this.nowMicros() / 1000).toISOString().replace(/[:.]/g, '-');
    const backup = path.join(this.dir, `payload-library.corrupt-${stamp}.json`);
    try {
      await fs.rename(this.file, backup);
    } catch (err) {
      this.stuck = this.notice = libraryStuck(this.file, reason, err as Error);
      return emptyDocument();
    }
    this.notice = librarySetAside(this.file, reason, backup);
    return (this.doc = emptyDocument());
  }

  private async write(doc: LibraryDocument): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temp, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new EndpointError(librarySaveFailed(this.file, err as Error));
    }
  }
}

function emptyDocument(): LibraryDocument {
  return { version: LIBRARY_VERSION, items: [] };
}

/** JSON text → a validated document, or why it is not one (its first problem). */
export function parseDocument(
  text: string,
): { ok: true; doc: LibraryDocument } | { ok: false; reason: MessageRef } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: msg('library.not-json', { detail: (err as Error).message }) };
  }
  const parsed = migrateLibraryDocument(raw);
  if (parsed.success) return { ok: true, doc: parsed.data };
  const issues = requestIssues(parsed.error).issues.slice(0, 1);
  return { ok: false, reason: msg('library.not-a-library', { issues }) };
}

function find(doc: LibraryDocument, id: string): LibraryItem {
  const item = doc.items.find((i) => i.id === id);
  if (!item) throw notFound(id);
  return item;
}

function notFound(id: string): EndpointError {
  return new EndpointError(msg('library.no-payload', { id }), 'not-found');
}

function roomFor(doc: LibraryDocument, count: number): void {
  if (doc.items.length + count > MAX_LIBRARY_ITEMS) {
    throw new EndpointError(msg('library.full', { max: MAX_LIBRARY_ITEMS }), 'wrong-state');
  }
}

/** "Poll" → "Poll (copy)" → "Poll (copy 2)". */
function copyName(name: string): string {
  const m = /^(.*) \(copy(?: (\d+))?\)$/.exec(name);
  if (!m) return `${name} (copy)`.slice(0, 200);
  return `${m[1]} (copy ${Number(m[2] ?? 1) + 1})`.slice(0, 200);
}
