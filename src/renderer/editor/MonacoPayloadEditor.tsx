import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PayloadIssue } from '../../shared/payload/issues';
import { nextTask } from '../app/next-task';
import { appliedTheme, onAppearanceChange } from '../app/theme';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { useWorkbench } from '../store/store';
import {
  HEX_LANGUAGE,
  monaco,
  registerPayloadLanguages,
  TEXT_LANGUAGE,
  tieToOwner,
} from './monaco-setup';
import type { FocusAt, PayloadEditorProps } from './PayloadEditor';

const MARKER_OWNER = 'wirebench-payload';
const theme = (): string => (appliedTheme() === 'dark' ? 'vs-dark' : 'vs');
const fontSize = (): number => useWorkbench.getState().settings.editorFontSize;
/** The same rounding as the placeholder's CSS, so text does not move when Monaco takes over. */
const lineHeight = (): number => Math.round(fontSize() * 1.45);

/**
 * The app's monospace face (styles/theme.css --mono), which the placeholder and
 * the log already use: the same look, and Monaco's font measurement finds
 * the face already looked up instead of asking the system for its own
 * defaults (tens of milliseconds on Linux, inside the task that builds it).
 */
function monoFont(): string | undefined {
  return getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || undefined;
}

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  wordWrap: 'on',
  lineNumbersMinChars: 3,
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
};

/**
 * Monaco around one payload. The component is controlled: `value` wins
 * whenever it differs from the model (a mode switch, a history recall, a
 * library load), applied as an edit so Ctrl+Z can take it back.
 *
 * Monaco builds itself in steps, a task each (its services with our two
 * languages, the model, the editor, the view on the model), each well under
 * 50 ms, instead of one that would hold the page while a tab opens;
 * `onReady` says when it can take over.
 */
export function MonacoPayloadEditor(
  props: PayloadEditorProps & { onReady(focusAt: FocusAt): void },
) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    const owned: monaco.IDisposable[] = [];
    const build = async (): Promise<void> => {
      await nextTask(); // the tab paints first
      if (disposed) return;
      registerPayloadLanguages();
      await nextTask();
      if (disposed) return;
      const model = monaco.editor.createModel(
        latest.current.value,
        languageOf(latest.current.mode),
      );
      owned.push(model);
      await nextTask();
      if (disposed) return;
      const p = latest.current;
      const built = monaco.editor.create(el, {
        ...OPTIONS,
        fontFamily: monoFont(),
        fontSize: fontSize(),
        lineHeight: lineHeight(),
        model: null,
        theme: theme(),
        ariaLabel: p.ariaLabel,
        placeholder: p.placeholder,
      });
      owned.push(built);
      await nextTask();
      if (disposed) return;
      built.setModel(model);
      owned.push(...wire(built, model, latest));
      setEditor(built);
      latest.current.onReady((offset) => {
        built.focus();
        built.setPosition(model.getPositionAt(offset));
      });
    };
    void build();
    return () => {
      disposed = true;
      owned.reverse().forEach((d) => d.dispose()); // the editor before its model
    };
  }, []);

  const { value, mode, issues, placeholder } = props;
  // The markers say each issue in the current language: set again when it changes.
  const { locale } = useT();
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (model.getLanguageId() !== languageOf(mode))
      monaco.editor.setModelLanguage(model, languageOf(mode));
    editor.updateOptions({ placeholder });
    if (model.getValue() === value) return;
    editor.executeEdits('wirebench', [{ range: model.getFullModelRange(), text: value }]);
    editor.setPosition(model.getPositionAt(value.length));
  }, [editor, value, mode, placeholder]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      issues.filter((i) => !i.field).map((i) => toMarker(model, i)),
    );
  }, [editor, issues, value, locale]);

  return <div ref={host} className="payload-editor-monaco" />;
}

/** The editor's ties to the props: edits out, Ctrl/Cmd+Enter, history keys, the Settings' look. */
function wire(
  editor: monaco.editor.IStandaloneCodeEditor,
  model: monaco.editor.ITextModel,
  latest: { current: PayloadEditorProps },
): monaco.IDisposable[] {
  const stopLooking = onAppearanceChange(() => {
    monaco.editor.setTheme(theme());
    editor.updateOptions({ fontSize: fontSize(), lineHeight: lineHeight() });
  });
  return [
    { dispose: stopLooking },
    ...tieToOwner(editor, model, latest, {
      id: 'wirebench.send',
      label: 'Send',
      run: () => latest.current.onSubmit(),
    }),
    editor.onKeyDown((e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const step =
        e.keyCode === monaco.KeyCode.UpArrow ? -1 : e.keyCode === monaco.KeyCode.DownArrow ? 1 : 0;
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
    message: describe(issue.message),
    startLineNumber: from.lineNumber,
    startColumn: from.column,
    endLineNumber: to.lineNumber,
    endColumn: to.column,
  };
}
