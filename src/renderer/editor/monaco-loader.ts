import { nextTask } from '../app/next-task';
import { msg } from '../../shared/messages/catalogue';
import { addNotice } from '../store/store';

/**
 * Monaco is most of the renderer's code (megabytes), and the window needs
 * none of it to paint or answer: it comes in its own chunks, fetched the
 * first time a payload editor is shown, never at start-up.
 */
type MonacoModule = typeof import('./MonacoPayloadEditor');

/**
 * Monaco's chunks in the order they depend on each other (electron.vite.config.ts
 * cuts them along Monaco's layers). Importing one runs its code, all of it,
 * in one task: one by one, with a task between, no step holds the page long.
 */
const STAGES = [
  () => import('./monaco-stages/base-common'),
  () => import('./monaco-stages/base-browser'),
  () => import('./monaco-stages/platform'),
  () => import('./monaco-stages/editor-common'),
  () => import('./monaco-stages/editor-browser'),
];

/**
 * The Monaco editor component, for React.lazy (which asks once, and keeps
 * the answer); Monaco itself is run in stages on the way. A failure is told
 * to the user here, once; MonacoLoadBoundary keeps it from the rest of the tab.
 */
export async function loadMonacoEditor(): Promise<{
  default: MonacoModule['MonacoPayloadEditor'];
}> {
  try {
    for (const stage of STAGES) {
      await stage();
      await nextTask();
    }
    const m = await import('./MonacoPayloadEditor');
    return { default: m.MonacoPayloadEditor };
  } catch (err) {
    addNotice({
      level: 'error',
      endpointId: null,
      message: msg('window.editor-load-failed', { detail: (err as Error).message }),
    });
    throw err;
  }
}
