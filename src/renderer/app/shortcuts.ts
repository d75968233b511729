import type { StringKey } from '../i18n/strings';

/**
 * Every keyboard shortcut of the window, as the Keyboard shortcuts sheet
 * lists it. `desktop` are the keys in the desktop app; `browser`, where the
 * browser keeps the desktop keys for itself (Chromium never hands a page
 * Ctrl+T, Ctrl+W, Ctrl+Tab or Ctrl+Shift+Tab), the ones that work there.
 * "Mod" is Ctrl, or Cmd on a Mac. use-shortcuts.ts handles the global ones.
 */
export interface Shortcut {
  desktop: string[];
  browser?: string[];
  action: StringKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { desktop: ['Mod+T'], browser: ['Alt+T'], action: 'keys.newConnection' },
  { desktop: ['Mod+W'], browser: ['Alt+W'], action: 'keys.closeTab' },
  { desktop: ['Ctrl+Tab'], browser: ['Alt+Page Down'], action: 'keys.nextTab' },
  { desktop: ['Ctrl+Shift+Tab'], browser: ['Alt+Page Up'], action: 'keys.previousTab' },
  { desktop: ['Mod+Enter'], action: 'keys.send' },
  { desktop: ['Mod+F'], action: 'keys.find' },
  { desktop: ['F3', 'Shift+F3'], action: 'keys.nextMatch' },
  { desktop: ['Mod+,'], action: 'keys.settings' },
  { desktop: ['F1', '?'], action: 'keys.sheet' },
  { desktop: ['←', '→'], action: 'keys.arrows' },
  { desktop: ['↑', '↓'], action: 'keys.history' },
  { desktop: ['Esc'], action: 'keys.escape' },
];

const isMac = (): boolean => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

/** "Mod+T" as this machine writes it: Ctrl+T, or ⌘T's spelled-out Cmd+T on a Mac. */
export function keyLabel(keys: string): string {
  return keys.replace(/^Mod\+/, isMac() ? 'Cmd+' : 'Ctrl+');
}
