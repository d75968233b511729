/**
 * Monaco, bundled and slim: the core editor API plus the few features a
 * payload editor uses, never the 80 languages of the full package and never
 * a CDN (the CSP forbids both). The worker is our own bundled file, which
 * `worker-src 'self' blob:` allows.
 */
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/placeholderText/register';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export const HEX_LANGUAGE = 'wirebench-hex';
export const TEXT_LANGUAGE = 'wirebench-text';

let registered = false;

/**
 * Colours for what the codecs treat specially: comments, placeholders,
 * escapes. Not at import: the first registration starts Monaco's services
 * (tens of milliseconds), a step of its own while an editor is built.
 */
export function registerPayloadLanguages(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: HEX_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(HEX_LANGUAGE, {
    tokenizer: {
      root: [
        [/(#|\/\/).*$/, 'comment'],
        [/\{\{[^}\n]*\}\}/, 'type'],
        [/0[xX]/, 'keyword'],
        [/[0-9A-Fa-f]+/, 'number'],
      ],
    },
  });
  monaco.languages.register({ id: TEXT_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(TEXT_LANGUAGE, {
    tokenizer: {
      root: [
        [/\{\{[^}\n]*\}\}/, 'type'],
        [/\\(x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|[rnt0\\])/, 'string.escape'],
      ],
    },
  });
}

/**
 * What ties a controlled editor (payload, sequence) to its owner: each edit
 * goes out to `onChange` (not the value the owner just gave), and
 * Ctrl/Cmd+Enter runs the owner's one action (Send, Run).
 */
export function tieToOwner(
  editor: monaco.editor.IStandaloneCodeEditor,
  model: monaco.editor.ITextModel,
  latest: { current: { value: string; onChange(text: string): void } },
  action: { id: string; label: string; run(): void },
): monaco.IDisposable[] {
  return [
    model.onDidChangeContent(() => {
      const text = model.getValue();
      if (text !== latest.current.value) latest.current.onChange(text);
    }),
    editor.addAction({
      id: action.id,
      label: action.label,
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: action.run,
    }),
  ];
}

export { monaco };
