import { useWorkbench, type Settings } from '../store/store';

/** The colours in force: the chosen theme, or the system's when "System" is chosen. */
export type AppliedTheme = 'light' | 'dark';

const systemDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

export function themeOf(settings: Settings, systemIsDark: boolean): AppliedTheme {
  if (settings.theme !== 'system') return settings.theme;
  return systemIsDark ? 'dark' : 'light';
}

export function appliedTheme(): AppliedTheme {
  return themeOf(useWorkbench.getState().settings, systemDark?.matches ?? false);
}

const listeners = new Set<() => void>();

/**
 * Hears every change of the look (theme, font sizes) once the page's CSS
 * already has it, for what CSS cannot reach: Monaco's theme and font size,
 * xterm's colours and font size.
 */
export function onAppearanceChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function apply(): void {
  const { settings } = useWorkbench.getState();
  const root = document.documentElement;
  root.dataset.theme = appliedTheme();
  root.style.setProperty('--editor-font-size', `${settings.editorFontSize}px`);
  root.style.setProperty('--log-font-size', `${settings.logFontSize}px`);
  for (const listener of listeners) listener();
}

/**
 * Applies the Settings' look to the whole page now and whenever the
 * Settings or the system's theme change. Called once, before the first render.
 */
export function startAppearance(): () => void {
  apply();
  const unsubscribe = useWorkbench.subscribe((s, prev) => {
    if (s.settings !== prev.settings) apply();
  });
  systemDark?.addEventListener('change', apply);
  return () => {
    unsubscribe();
    systemDark?.removeEventListener('change', apply);
  };
}
