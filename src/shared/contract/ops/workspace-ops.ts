import { z } from 'zod';
import { id } from '../fields';
import { messageRef } from '../message';
import {
  MAX_WORKSPACE_JSON_CHARS,
  MAX_WORKSPACE_TABS,
  tabAutomation,
  tabUiState,
  workspaceSettings,
} from '../workspace';

/** One tab's window state, by the endpoint main created for it. */
const tabState = tabUiState.extend({ endpointId: id, automation: tabAutomation.optional() });

/** A workspace the window may show again: the name the person knows it by. */
const recentWorkspace = z.strictObject({ index: z.number().int().nonnegative(), name: z.string() });

/** What the window needs to show the workspace main holds: it applies this over its store. */
export const workspaceState = z.strictObject({
  settings: workspaceSettings,
  tabs: z.array(tabState),
  activeId: id.nullable(),
  /** Something to tell the person once (the saved file was bad and the previous one loaded). */
  notice: messageRef.nullable(),
  recent: z.array(recentWorkspace),
});
export type WorkspaceState = z.infer<typeof workspaceState>;
export type TabState = z.infer<typeof tabState>;

const fileName = z.string().trim().min(1).max(255);

/**
 * The workspace is main's: it knows the connections, the window tells it
 * the rest (drafts, history, the log's view, settings) and asks for it back
 * after a start or a reload. Files are text the person picked or will keep;
 * in the desktop app main's own dialogs pick the path.
 */
export const workspaceOperations = {
  getWorkspace: { request: z.strictObject({}), result: workspaceState },
  /** The window's state of every tab, in tab order (sent a moment after it changes). */
  updateWorkspace: {
    request: z.strictObject({
      settings: workspaceSettings,
      tabs: z.array(tabState).max(MAX_WORKSPACE_TABS),
      activeId: id.nullable(),
    }),
    result: z.strictObject({}),
  },
  /** The workspace as a file's text, for a download (browser mode). */
  exportWorkspace: {
    request: z.strictObject({}),
    result: z.strictObject({ json: z.string(), tabs: z.number().int() }),
  },
  /**
   * Replaces the workspace with a file's text: every connection closes and
   * goes, the file's tabs come back closed. A file that is not valid changes
   * nothing: the error says what is wrong and where.
   */
  openWorkspace: {
    request: z.strictObject({ name: fileName, json: z.string().max(MAX_WORKSPACE_JSON_CHARS) }),
    result: workspaceState,
  },
  /** Desktop app: main's Save dialog, then the file. Null when cancelled. */
  saveWorkspaceFile: {
    request: z.strictObject({}),
    result: z.strictObject({ name: z.string() }).nullable(),
  },
  /** Desktop app: main's Open dialog, then as openWorkspace. Null when cancelled. */
  openWorkspaceFile: { request: z.strictObject({}), result: workspaceState.nullable() },
  /** One of `recent` again (by its index in that list). */
  openRecentWorkspace: {
    request: z.strictObject({ index: z.number().int().nonnegative().max(100) }),
    result: workspaceState,
  },
} as const;
