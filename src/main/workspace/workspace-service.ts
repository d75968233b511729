import path from 'node:path';
import type { EndpointInfo, EndpointSpec } from '../../shared/contract';
import type { TabState, WorkspaceState } from '../../shared/contract/ops/workspace-ops';
import {
  WORKSPACE_VERSION,
  tabUiState,
  type TabUiState,
  type WorkspaceDocument,
  type WorkspaceSettings,
  type WorkspaceTab,
} from '../../shared/contract/workspace';
import { parseWorkspace } from '../../shared/contract/workspace-parse';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import type { Engine } from '../engine/engine';
import { EndpointError, plain } from '../engine/system-errors';
import { writeAtomically } from './atomic-file';
import type { RecentWorkspaces } from './recent-workspaces';
import { armRules, withArmedRules } from './tab-automation';
import { readDocument, type WorkspaceStore } from './workspace-store';

/** Saves wait this long after the last change, so typing in the editor writes once. */
const DEFAULT_DEBOUNCE_MS = 400;
/** ...but a change waits at most this long: updates that never pause must not put off every save. */
const MAX_SAVE_DELAY_MS = 2000;

type TabUi = Omit<TabState, 'endpointId'>;

/**
 * The workspace main holds: the engine's endpoints, with what the window
 * said about each tab (draft, history, log view, automation) and the
 * settings. It restores the saved workspace at start (the tabs closed, or
 * opened again when the person asked for that), saves it a moment after
 * each change, and replaces it with a file the person opens.
 */
export class WorkspaceService {
  private ui = new Map<string, TabUi>();
  private order: string[] = [];
  private activeId: string | null = null;
  private settings: WorkspaceSettings = {};
  /** The command line's named sections, carried through unchanged. */
  private named: Pick<WorkspaceDocument, 'rules' | 'periodic'> = { rules: {}, periodic: {} };
  private notice: MessageRef | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** When the oldest change not yet saved was made (null: none pending). */
  private pendingSince: number | null = null;
  private saving: Promise<unknown> = Promise.resolve();
  /** Opens run one at a time: two at once each removed the old tabs, then both added theirs. */
  private opening: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly store: WorkspaceStore,
    private readonly recent: RecentWorkspaces,
    private readonly options: {
      debounceMs?: number;
      /** Told when a save fails (the router's notice event). */
      onNotice?: (message: MessageRef) => void;
    } = {},
  ) {}

  /**
   * Restores the saved workspace, or the file named at start (`--workspace`),
   * which then becomes the saved one. A file that does not open leaves the
   * saved workspace in place and says why.
   */
  async start(startFile?: string): Promise<void> {
    const loaded = await this.store.load();
    let doc = loaded.doc;
    this.notice = loaded.notice;
    if (startFile) {
      const read = await readDocument(startFile);
      if (read.ok) {
        doc = read.doc;
        await this.recent.addPath(startFile);
      } else {
        this.notice = invalid(startFile, read.problem);
      }
    }
    this.apply(doc);
    if (startFile && doc !== loaded.doc) this.saveSoon(0);
    if (doc.settings.reopenAtStart) {
      await Promise.all(this.order.map((id) => this.engine.reopen(id).catch(() => undefined)));
    }
  }

  async state(): Promise<WorkspaceState> {
    const notice = this.notice;
    this.notice = null;
    return {
      settings: this.settings,
      tabs: this.order
        .filter((id) => this.engine.has(id))
        .map((id) => ({ endpointId: id, ...this.tabUi(id) })),
      activeId: this.activeId,
      notice,
      recent: await this.recent.names(),
    };
  }

  update(request: {
    settings: WorkspaceSettings;
    tabs: TabState[];
    activeId: string | null;
  }): void {
    this.settings = request.settings;
    this.order = request.tabs.map((t) => t.endpointId);
    for (const { endpointId, ...ui } of request.tabs) {
      // A window that sends no automation (an older one, a test) leaves what main restored.
      const automation = ui.automation ?? this.ui.get(endpointId)?.automation;
      this.ui.set(endpointId, { ...ui, ...(automation ? { automation } : {}) });
    }
    // Tabs removed since: their state goes with them.
    for (const id of this.ui.keys()) if (!this.engine.has(id)) this.ui.delete(id);
    this.activeId = request.activeId;
    this.saveSoon();
  }

  /** The workspace as it is now, as a document. */
  document(): WorkspaceDocument {
    const listed = new Set(this.order);
    const infos = this.engine.list();
    const byId = new Map(infos.map((i) => [i.id, i]));
    const ids = [
      ...this.order.filter((id) => byId.has(id)),
      ...infos.map((i) => i.id).filter((id) => !listed.has(id)),
    ];
    const tabs: WorkspaceTab[] = ids.map((id) => {
      const info = byId.get(id) as EndpointInfo;
      return { spec: withBoundPort(info), ...this.tabUi(id) };
    });
    const active = this.activeId ? ids.indexOf(this.activeId) : -1;
    return {
      version: WORKSPACE_VERSION,
      settings: this.settings,
      tabs,
      active: active >= 0 ? active : null,
      ...this.named,
    };
  }

  exportJson(): { json: string; tabs: number } {
    const doc = this.document();
    return { json: `${JSON.stringify(doc, null, 2)}\n`, tabs: doc.tabs.length };
  }

  /** Opens a workspace file's text (an upload); nothing changes unless it is valid. */
  async openText(name: string, json: string): Promise<WorkspaceState> {
    const parsed = parseWorkspace(json);
    if (!parsed.ok) throw new EndpointError(invalid(name, parsed.problem), 'invalid-request');
    return this.opened(parsed.doc, () => this.recent.addText(name, json));
  }

  /** Opens a workspace file main may read (from its dialog, the recent list, the command line). */
  async openPath(file: string, name = path.basename(file)): Promise<WorkspaceState> {
    const read = await readDocument(file);
    if (!read.ok) throw new EndpointError(invalid(name, read.problem), 'invalid-request');
    return this.opened(read.doc, () => this.recent.addPath(file));
  }

  async openRecent(index: number): Promise<WorkspaceState> {
    const entry = await this.recent.file(index);
    if (!entry) throw new EndpointError(msg('workspace.no-recent', { index }), 'not-found');
    return this.openPath(entry.file, entry.name);
  }

  /** Writes the workspace to a file the person chose (the desktop app's Save dialog). */
  async saveTo(file: string): Promise<void> {
    await writeAtomically(file, this.exportJson().json).catch((err) => {
      throw new EndpointError(msg('workspace.save-failed', { file, detail: plain(err) }));
    });
    await this.recent.addPath(file);
  }

  /** Writes what is pending now (the app is closing). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.save();
    }
    await this.saving;
  }

  /**
   * Replaces the workspace and returns it, its tabs taken before anything
   * else is awaited: a window's update (sent when the new tabs' endpoints
   * arrive, before it has their drafts) must not land in between and stand
   * for the file's tabs.
   */
  private opened(
    doc: WorkspaceDocument,
    remember: () => Promise<unknown>,
  ): Promise<WorkspaceState> {
    const done = this.opening.then(() => this.openNow(doc, remember));
    this.opening = done.catch(() => undefined);
    return done;
  }

  private async openNow(
    doc: WorkspaceDocument,
    remember: () => Promise<unknown>,
  ): Promise<WorkspaceState> {
    await this.replace(doc);
    const state = this.state();
    await remember();
    return { ...(await state), recent: await this.recent.names() };
  }

  private async replace(doc: WorkspaceDocument): Promise<void> {
    for (const info of this.engine.list()) await this.engine.remove(info.id);
    this.apply(doc);
    this.saveSoon(0);
  }

  /** Creates the document's endpoints, closed, and takes its window state. */
  private apply(doc: WorkspaceDocument): void {
    this.ui.clear();
    this.order = [];
    this.settings = doc.settings;
    this.named = { rules: doc.rules, periodic: doc.periodic };
    for (const { spec, ...ui } of doc.tabs) {
      const info = this.engine.add(spec);
      this.order.push(info.id);
      this.ui.set(info.id, ui);
      armRules(this.engine, info.id, ui.automation, ui.log);
    }
    this.activeId = doc.active === null ? null : (this.order[doc.active] ?? null);
  }

  private tabUi(id: string): TabUi {
    const ui: TabUi = this.ui.get(id) ?? (tabUiState.parse({}) as TabUiState);
    const automation = withArmedRules(this.engine, id, ui.automation);
    return automation ? { ...ui, automation } : ui;
  }

  private saveSoon(delay = this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    const now = Date.now();
    this.pendingSince ??= now;
    const wait = Math.max(0, Math.min(delay, this.pendingSince + MAX_SAVE_DELAY_MS - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, wait);
  }

  private save(): Promise<unknown> {
    this.pendingSince = null;
    this.saving = this.store.save(this.document()).then((failure) => {
      if (failure) this.options.onNotice?.(failure);
    });
    return this.saving;
  }
}

function invalid(name: string, problem: MessageRef): MessageRef {
  return msg('workspace.invalid', { name: path.basename(name), problem });
}

/**
 * The spec to save: a listener asked for "any port" is saved with the port
 * it got, so Open after a restart binds where the devices were told to connect.
 */
function withBoundPort(info: EndpointInfo): EndpointSpec {
  const spec = info.spec;
  const listens =
    spec.kind === 'tcp-server' ||
    spec.kind === 'tls-server' ||
    spec.kind === 'udp' ||
    spec.kind === 'relay';
  if (listens && spec.port === 0 && info.local) return { ...spec, port: info.local.port };
  return spec;
}
