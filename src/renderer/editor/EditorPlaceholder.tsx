import { useLayoutEffect, useRef } from 'react';
import type { PayloadEditorProps } from './PayloadEditor';

/** Where the caret was when the placeholder gave way with the focus, so the editor takes over there. */
export class FocusHandover {
  private caret: number | null = null;

  leave(caret: number): void {
    this.caret = caret;
  }

  /** The caret left behind, once. */
  take(): number | null {
    const caret = this.caret;
    this.caret = null;
    return caret;
  }
}

/**
 * What stands in the editor's place until Monaco has loaded and built
 * itself: a plain text area with the editor's accessible name, holding the
 * draft. Keyboard users (and tests) find the same "Payload" box at once, can
 * read it, type in it and send with Ctrl/Cmd+Enter; Monaco takes over the
 * same draft, and the focus, when it is ready.
 */
export function EditorPlaceholder({
  props,
  handover,
}: {
  props: PayloadEditorProps;
  handover: FocusHandover;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Runs while the text area is still in the page (before React removes it).
  useLayoutEffect(
    () => () => {
      const el = area.current;
      if (el && document.activeElement === el) handover.leave(el.selectionEnd);
    },
    [handover],
  );
  return (
    <textarea
      ref={area}
      className="payload-editor-placeholder"
      aria-label={props.ariaLabel}
      aria-busy="true"
      placeholder={props.placeholder}
      value={props.value}
      spellCheck={false}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        props.onSubmit();
      }}
    />
  );
}
