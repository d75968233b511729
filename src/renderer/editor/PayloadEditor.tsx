import { useEffect, useLayoutEffect, useRef } from 'react';
import type { PayloadIssue } from '../../shared/payload/issues';
import { HEX_LANGUAGE, monaco, TEXT_LANGUAGE } from './monaco-setup';

export interface PayloadEditorProps {
  value: string;
  mode: 'text' | 'hex';
  issues: readonly PayloadIssue[];
  ariaLabel: string;
  placeholder: string;
  onChange(value: string): void;
  onSubmit(): void;
  /** Up (-1) at the first line or Down (+1) at the last: true when history took the key. */
  onHistory(step: -1 | 1): boolean;
}

const MARKER_OWNER = 'wirebench-payload';
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const theme = (): string => (dark.matches ? 'vs-dark' : 'vs');

/**
 * Monaco around one payload. The component is controlled: `value` wins
 * whenever it differs from the model (a mode switch, a history recall, a
 * library load), applied as an edit so Ctrl+Z can take it back.
 */
export function PayloadEditor(props: PayloadEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!host.current) return;
    const p = latest.current;
    const model = monaco.editor.createModel(p.value, languageOf(p.mode));
    const editor = monaco.editor.create(host.current, {
      model,
      theme: theme(),
      ariaLabel: p.ariaLabel,
      placeholder: p.placeholder,
      automaticLayout: true,
      minimap: { enabled: false },
      wordWrap: 'on',
      lineNumbersMinChars: 3,
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      // Typed bytes are the payload: nothing may be inserted that was not typed.
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoSurround: 'never',
      autoIndent: 'none',
      quickSuggestions: false,
      wordBasedSuggestions: 'off',
      fixedOverflowWidgets: true,
      tabFocusMode: true,
    });
    editorRef.current = editor;
    const subscriptions = [
      model.onDidChangeContent(() => {
        const text = model.getValue();
        if (text !== latest.current.value) latest.current.onChange(text);
      }),
      editor.addAction({
        id: 'wirebench.send',
        label: 'Send',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => latest.current.onSubmit(),
      }),
      editor.onKeyDown((e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
        const step =
          e.keyCode === monaco.KeyCode.UpArrow
            ? -1
            : e.keyCode === monaco.KeyCode.DownArrow
              ? 1
              : 0;
        if (step === 0) return;
        const position = editor.getPosition();
        const edge = step < 0 ? 1 : model.getLineCount();
        if (!position || position.lineNumber !== edge) return;
        if (latest.current.onHistory(step)) {
          e.preventDefault();
          e.stopPropagation();
        }
      }),
    ];
    const onTheme = (): void => monaco.editor.setTheme(theme());
    dark.addEventListener('change', onTheme);
    return () => {
      dark.removeEventListener('change', onTheme);
      subscriptions.forEach((s) => s.dispose());
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  const { value, mode, issues, placeholder } = props;
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (model.getLanguageId() !== languageOf(mode))
      monaco.editor.setModelLanguage(model, languageOf(mode));
    editor.updateOptions({ placeholder });
    if (model.getValue() === value) return;
    editor.executeEdits('wirebench', [{ range: model.getFullModelRange(), text: value }]);
    editor.setPosition(model.getPositionAt(value.length));
  }, [value, mode, placeholder]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      issues.filter((i) => !i.field).map((i) => toMarker(model, i)),
    );
  }, [issues, value]);

  return <div ref={host} className="payload-editor" />;
}

function languageOf(mode: 'text' | 'hex'): string {
  return mode === 'hex' ? HEX_LANGUAGE : TEXT_LANGUAGE;
}

/** An issue as a squiggle; an empty range still covers one character so it can be seen. */
function toMarker(model: monaco.editor.ITextModel, issue: PayloadIssue): monaco.editor.IMarkerData {
  const length = model.getValueLength();
  let start = Math.min(issue.start, length);
  let end = Math.min(Math.max(issue.end, issue.start), length);
  if (start === end) {
    if (end < length) end++;
    else if (start > 0) start--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return {
    severity: monaco.MarkerSeverity.Error,
    message: issue.message,
    startLineNumber: from.lineNumber,
    startColumn: from.column,
    endLineNumber: to.lineNumber,
    endColumn: to.column,
  };
}
