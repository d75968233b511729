import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomically } from './atomic-file';

export const RECENT_FILE = 'recent-workspaces.json';
const MAX_RECENT = 8;

const recentList = z.array(z.object({ name: z.string(), file: z.string() })).max(100);
type Recent = z.infer<typeof recentList>[number];

/**
 * The workspaces opened lately, newest first, kept in the data folder. Each
 * names a file main may read again: one the person chose in the desktop
 * app's dialog or named with --workspace, or, for one uploaded to the
 * browser mode (which has no path), a copy kept under workspaces/ by the
 * hash of its text. The window only ever sees names and indexes.
 */
export class RecentWorkspaces {
  private list: Recent[] | null = null;

  constructor(readonly dir: string) {}

  async names(): Promise<Array<{ index: number; name: string }>> {
    return (await this.load()).map((r, index) => ({ index, name: r.name }));
  }

  async file(index: number): Promise<Recent | null> {
    return (await this.load())[index] ?? null;
  }

  /** Remembers a workspace read from a path. */
  async addPath(file: string): Promise<void> {
    await this.put({ name: path.basename(file), file: path.resolve(file) });
  }

  /** Remembers an uploaded workspace by keeping its text. */
  async addText(name: string, json: string): Promise<void> {
    const hash = createHash('sha256').update(json).digest('hex').slice(0, 32);
    const copy = path.join(this.dir, 'workspaces', `${hash}.json`);
    await fs.mkdir(path.dirname(copy), { recursive: true });
    await fs.writeFile(copy, json, 'utf8');
    await this.put({ name: path.basename(name), file: copy });
  }

  private async put(entry: Recent): Promise<void> {
    const list = (await this.load()).filter((r) => r.file !== entry.file);
    this.list = [entry, ...list].slice(0, MAX_RECENT);
    const file = path.join(this.dir, RECENT_FILE);
    await writeAtomically(file, JSON.stringify(this.list, null, 1)).catch(
      () => undefined, // The list is a convenience: the workspace itself opened.
    );
  }

  private async load(): Promise<Recent[]> {
    if (this.list) return this.list;
    const text = await fs.readFile(path.join(this.dir, RECENT_FILE), 'utf8').catch(() => '[]');
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(text);
    } catch {
      // A damaged list starts again; nothing else depends on it.
    }
    const ok = recentList.safeParse(parsed);
    return (this.list = ok.success ? ok.data.slice(0, MAX_RECENT) : []);
  }
}
