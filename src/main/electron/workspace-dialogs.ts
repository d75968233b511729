import { dialog, type BrowserWindow } from 'electron';

const FILTERS = [
  { name: 'Wirebench workspace', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The system's dialog for a workspace file: where to save it, or which one
 * to open. The only source of a workspace path besides --workspace; null
 * when the person cancels.
 */
export async function chooseWorkspaceFile(
  window: BrowserWindow | null,
  purpose: 'save' | 'open',
): Promise<string | null> {
  if (purpose === 'save') {
    const options = { defaultPath: 'workspace.wirebench.json', filters: FILTERS };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }
  const options = { properties: ['openFile' as const], filters: FILTERS };
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** `--workspace FILE` or `--workspace=FILE` among the app's arguments (Electron passes its own too). */
export function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--workspace') return argv[i + 1];
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length);
  }
  return undefined;
}
