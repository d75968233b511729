// Monaco reads its worker factory from this global (set in monaco-setup.ts).
import type { Environment } from 'monaco-editor/editor';

declare global {
  var MonacoEnvironment: Environment | undefined;
}
