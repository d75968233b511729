import { setMacroPins, useWorkbench } from '../store/store';

/**
 * Which saved payloads are macro buttons, in the order they were pinned:
 * a preference of this window's user, kept in its local storage (the
 * library itself stays what the main process saved).
 */
const STORAGE_KEY = 'wirebench.macroPins';

/** Reads the saved pins once, when the window starts. */
export function loadMacroPins(): void {
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '[]');
    if (Array.isArray(saved))
      setMacroPins(saved.filter((x): x is string => typeof x === 'string').slice(0, 100));
  } catch {
    // A damaged preference is no pins, not a broken window.
  }
}

export function toggleMacroPin(itemId: string): void {
  const pins = useWorkbench.getState().macroPins;
  const next = pins.includes(itemId) ? pins.filter((p) => p !== itemId) : [...pins, itemId];
  setMacroPins(next);
  globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next));
}
