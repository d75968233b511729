import { useCallback, useState, type ReactNode } from 'react';
import { useDismiss } from './use-dismiss';

/** A button that opens a menu under it; a click outside or Escape closes the menu. */
export function MenuButton({
  label,
  disabled,
  children,
}: {
  label: string;
  disabled: boolean;
  /** The open menu, given the function that closes it. */
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const ref = useDismiss<HTMLSpanElement>(open, close);
  return (
    <span className="menu-anchor" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && children(close)}
    </span>
  );
}
