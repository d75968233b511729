import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco, tieToOwner } from '../editor/monaco-setup';
import { SEQUENCE_LANGUAGE } from './sequence-language';

export interface SequenceMarker {
  line: number;
  column: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface SequenceEditorProps {
  value: string;
  markers: readonly SequenceMarker[];
  ariaLabel: string;
  placeholder: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
}

const MARKER_OWNER = 'wirebench-sequence';
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const theme = (): string => (dark.matches ? 'vs-dark' : 'vs');

/**
 * Monaco around a sequence script, with a marker at the exact place of every
 * problem. Loaded on demand (the Sequence panel imports it lazily), so the
 * window starts without it. Controlled like the payload editor: `value`
 * wins whenever it differs from the model (a library load).
 */
export default function SequenceEditor(props: SequenceEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!host.current) return;
    const p = latest.current;
    const model = monaco.editor.createModel(p.value, SEQUENCE_LANGUAGE);
    const editor = monaco.editor.create(host.current, {
      model,
      theme: theme(),
      ariaLabel: p.ariaLabel,
      placeholder: p.placeholder,
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbersMinChars: 3,
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoSurround: 'never',
      quickSuggestions: false,
      wordBasedSuggestions: 'off',
      fixedOverflowWidgets: true,
      tabFocusMode: true,
    });
    editorRef.current = editor;
    const subscriptions = tieToOwner(editor, model, latest, {
      id: 'wirebench.runSequence',
      label: 'Run',
      run: () => latest.current.onRun(),
    });
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

  const { value, markers } = props;
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    editor.executeEdits('wirebench', [{ range: model.getFullModelRange(), text: value }]);
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((m) => ({
        severity:
          m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: m.message,
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.line,
        endColumn: m.endColumn,
      })),
    );
  }, [markers, value]);

  return <div ref={host} className="sequence-editor" />;
}
