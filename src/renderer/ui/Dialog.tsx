import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { useEscape } from './use-escape';

/**
 * A modal dialog: a titled box over a backdrop. Escape or a click on the
 * backdrop closes it; the focus moves into it when it opens and goes back
 * where it was when it closes.
 */
export function Dialog({
  title,
  onClose,
  children,
  className = '',
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEscape(onClose);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('select, input, button, [tabindex]');
    (first ?? box.current)?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** The one action of a dialog that only shows or sets things: Done, which closes it. */
export function DoneAction({ onClose }: { onClose(): void }) {
  const { t } = useT();
  return (
    <div className="dialog-actions">
      <button type="button" className="primary" onClick={onClose}>
        {t('settings.done')}
      </button>
    </div>
  );
}
