import { useEffect, useRef } from 'react';

/**
 * Escape anywhere in the window calls `onEscape` while the caller is shown:
 * a dialog closes even when the focus left it (a button that was disabled
 * while busy drops the focus to the page).
 */
export function useEscape(onEscape: () => void): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
