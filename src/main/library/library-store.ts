import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  LIBRARY_VERSION,
  MAX_LIBRARY_ITEMS,
  migrateLibraryDocument,
  type LibraryDocument,
  type LibraryItem,
  type PayloadItem,
  type SequenceItem,
} from '../../shared/contract/library';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { EndpointError } from '../engine/system-errors';

export const LIBRARY_FILE = 'payload-library.json';

/**
 * The payload library on disk: one versioned JSON document in the app's
 * data directory, validated on load and written atomically (a temp file,
 * then rename). A file that cannot be read or does not validate is moved
 * aside, never overwritten, and the library starts empty with a notice.
 * Operations run one at a time, so two quick saves cannot interleave.
 */
export class LibraryStore {
  private doc: LibraryDocument | null = null;
  private notice: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly nowMicros: () => number = () => Date.now() * 1000,
  ) {}

  get file(): string {
    return path.join(this.dir, LIBRARY_FILE);
  }

  /** The items, and (once) the sentence about a library that had to be set aside. */
  list(): Promise<{ items: LibraryItem[]; notice: string | null }> {
    return this.run(async (doc) => {
      const notice = this.notice;
      this.notice = null;
      return { items: doc.items, notice };
    });
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
    let parsed: LibraryDocument;
    try {
      parsed = parseDocument(json);
    } catch (err) {
      return Promise.reject(
        new EndpointError(
          `That file is not a Wirebench library: ${(err as Error).message}`,
          'invalid-request',
        ),
      );
    }
    return this.change((doc) => {
      roomFor(doc, parsed.items.length);
      const now = this.nowMicros();
      for (const item of parsed.items)
        doc.items.push({ ...item, id: randomUUID(), updatedAt: now });
      return { added: parsed.items.length, items: doc.items };
    });
  }

  export(): Promise<{ json: string; count: number }> {
    return this.run(async (doc) => ({
      json: `${JSON.stringify(doc, null, 2)}\n`,
      count: doc.items.length,
    }));
  }

  /** Runs `work` after every earlier operation, on the loaded document. */
  private run<T>(work: (doc: LibraryDocument) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => work(await this.load()));
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

  private async load(): Promise<LibraryDocument> {
    if (this.doc) return this.doc;
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return (this.doc = emptyDocument());
      return this.setAside(e.message);
    }
    try {
      return (this.doc = parseDocument(text));
    } catch (err) {
      return this.setAside((err as Error).message);
    }
  }

  /** Keeps the bad file as a backup and starts empty; the user hears it once. */
  private async setAside(reason: string): Promise<LibraryDocument> {
    const stamp = new Date(this.nowMicros() / 1000).toISOString().replace(/[:.]/g, '-');
    const backup = path.join(this.dir, `payload-library.corrupt-${stamp}.json`);
    try {
      await fs.rename(this.file, backup);
      this.notice = `The payload library ${this.file} could not be read (${reason}), so it was kept as ${path.basename(backup)} and the library starts empty.`;
    } catch (err) {
      this.notice = `The payload library ${this.file} could not be read (${reason}) nor moved aside (${(err as Error).message}); the library starts empty and saving will replace it.`;
    }
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
      throw new EndpointError(
        `The payload library could not be saved to ${this.file}: ${(err as Error).message}`,
      );
    }
  }
}

function emptyDocument(): LibraryDocument {
  return { version: LIBRARY_VERSION, items: [] };
}

/** JSON text → a validated document, or an Error whose message says what is wrong. */
export function parseDocument(text: string): LibraryDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`it is not valid JSON (${(err as Error).message})`);
  }
  const parsed = migrateLibraryDocument(raw);
  if (!parsed.success) throw new Error(firstIssue(parsed.error));
  return parsed.data;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the library format';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function find(doc: LibraryDocument, id: string): LibraryItem {
  const item = doc.items.find((i) => i.id === id);
  if (!item) throw notFound(id);
  return item;
}

function notFound(id: string): EndpointError {
  return new EndpointError(`There is no item ${id} in the library`, 'not-found');
}

function roomFor(doc: LibraryDocument, count: number): void {
  if (doc.items.length + count > MAX_LIBRARY_ITEMS) {
    throw new EndpointError(
      `The library holds at most ${MAX_LIBRARY_ITEMS} items; delete some first`,
      'wrong-state',
    );
  }
}

/** "Poll" → "Poll (copy)" → "Poll (copy 2)". */
function copyName(name: string): string {
  const m = /^(.*) \(copy(?: (\d+))?\)$/.exec(name);
  if (!m) return `${name} (copy)`.slice(0, 200);
  return `${m[1]} (copy ${Number(m[2] ?? 1) + 1})`.slice(0, 200);
}
