import { lazy, Suspense, useLayoutEffect, useState } from 'react';
import type { PayloadIssue } from '../../shared/payload/issues';
import { EditorPlaceholder, FocusHandover } from './EditorPlaceholder';
import { MonacoLoadBoundary } from './MonacoLoadBoundary';
import { loadMonacoEditor } from './monaco-loader';

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

/** Puts the caret at a character offset and focuses the editor. */
export type FocusAt = (offset: number) => void;

const MonacoPayloadEditor = lazy(loadMonacoEditor);

/**
 * The payload editor: Monaco, fetched the first time an editor is shown and
 * built in steps that each leave the page free to answer (monaco-loader.ts,
 * MonacoPayloadEditor.tsx), with a plain text area in its place until then.
 */
export function PayloadEditor(props: PayloadEditorProps) {
  const [focusAt, setFocusAt] = useState<FocusAt | null>(null);
  const [handover] = useState(() => new FocusHandover());

  // The placeholder is gone by now (in this same commit, so no keystroke falls
  // in between); if it had the focus, the editor takes it where the caret was.
  useLayoutEffect(() => {
    const caret = handover.take();
    if (focusAt && caret !== null) focusAt(caret);
  }, [focusAt, handover]);

  return (
    <div className="payload-editor">
      <MonacoLoadBoundary>
        <Suspense fallback={null}>
          <MonacoPayloadEditor {...props} onReady={(f) => setFocusAt(() => f)} />
        </Suspense>
      </MonacoLoadBoundary>
      {!focusAt && <EditorPlaceholder props={props} handover={handover} />}
    </div>
  );
}
