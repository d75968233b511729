import type { StateCreator } from 'zustand';
import type { WorkbenchState } from '../store';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type TimeMode = 'absolute' | 'relative';

/**
 * The person's habits: how the window looks and what the log shows first.
 * One plain object, so the workspace document can carry it as it is.
 */
export interface Settings {
  theme: ThemeChoice;
  /** Pixels, in the payload editor. */
  editorFontSize: number;
  /** Pixels, in the log's views (its rows keep their height, hence the narrower range). */
  logFontSize: number;
  /** How the log shows time until a connection's own log says otherwise. */
  timeMode: TimeMode;
  /** At start, open every restored connection (otherwise each waits for its Open). */
  reopenAtStart: boolean;
}

export const EDITOR_FONT_SIZES = { min: 10, max: 24 } as const;
export const LOG_FONT_SIZES = { min: 10, max: 16 } as const;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  editorFontSize: 13,
  logFontSize: 12.5,
  timeMode: 'absolute',
  reopenAtStart: false,
};

const STORAGE_KEY = 'wirebench.settings';

function fontSize(value: unknown, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && value >= range.min && value <= range.max ? value : fallback;
}

/** Settings from anything (a saved copy, a workspace file): what is not valid falls back to the default. */
export function settingsFrom(value: unknown): Settings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    theme: v.theme === 'light' || v.theme === 'dark' || v.theme === 'system' ? v.theme : d.theme,
    editorFontSize: fontSize(v.editorFontSize, EDITOR_FONT_SIZES, d.editorFontSize),
    logFontSize: fontSize(v.logFontSize, LOG_FONT_SIZES, d.logFontSize),
    timeMode: v.timeMode === 'relative' || v.timeMode === 'absolute' ? v.timeMode : d.timeMode,
    reopenAtStart: typeof v.reopenAtStart === 'boolean' ? v.reopenAtStart : d.reopenAtStart,
  };
}

/** The page's localStorage; absent where the store runs outside a page (tests in Node). */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storage = (): KeyValueStorage | undefined =>
  (globalThis as { localStorage?: KeyValueStorage }).localStorage;

// Kept in this window's storage too: the page draws with them before main answers.
function loadSettings(): Settings {
  try {
    const saved = storage()?.getItem(STORAGE_KEY);
    return settingsFrom(saved ? JSON.parse(saved) : null);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function saveSettings(settings: Settings): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or refused (a private window): the choice still holds until reload.
  }
}

export interface SettingsSlice {
  settings: Settings;
  /** The Settings dialog is open. */
  settingsOpen: boolean;
  /** The Keyboard shortcuts sheet is open. */
  shortcutsOpen: boolean;
  updateSettings(patch: Partial<Settings>): void;
  setSettingsOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
}

export const createSettingsSlice: StateCreator<WorkbenchState, [], [], SettingsSlice> = (set) => ({
  settings: loadSettings(),
  settingsOpen: false,
  shortcutsOpen: false,
  updateSettings: (patch) =>
    set((s) => {
      const settings = settingsFrom({ ...s.settings, ...patch });
      saveSettings(settings);
      return { settings };
    }),
  setSettingsOpen: (open) => set({ settingsOpen: open }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
});
