import { useEffect } from 'react';
import type { WirebenchApi } from '../../shared/contract/api';
import { closeAndRemove } from '../connections/actions';
import {
  requestFind,
  setActive,
  setDialogOpen,
  setSettingsOpen,
  setShortcutsOpen,
  useWorkbench,
} from '../store/store';

type Command = 'new' | 'close' | 'next' | 'previous' | 'find' | 'settings' | 'sheet';

/** True where a typed "?" is text: a text field, a text area, Monaco, anything editable. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') {
    return true;
  }
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

/** The command a key press asks for (see shortcuts.ts for the list a person reads). */
export function commandOf(e: KeyboardEvent): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.key === 'F1' && !mod && !e.altKey) return 'sheet';
  if (e.key === '?' && !mod && !e.altKey && !typingIn(e.target)) return 'sheet';
  if (e.key === 'Tab' && e.ctrlKey && !e.altKey && !e.metaKey) {
    return e.shiftKey ? 'previous' : 'next';
  }
  if (e.altKey && !mod && !e.shiftKey) {
    // The browser mode's stand-ins for the keys a browser keeps (they work in the app too).
    if (e.code === 'KeyT') return 'new';
    if (e.code === 'KeyW') return 'close';
    if (e.key === 'PageDown') return 'next';
    if (e.key === 'PageUp') return 'previous';
    return null;
  }
  if (!mod || e.altKey || e.shiftKey) return null;
  if (key === 't') return 'new';
  if (key === 'w') return 'close';
  if (key === 'f') return 'find';
  if (key === ',') return 'settings';
  return null;
}

function step(by: 1 | -1): void {
  const { order, activeId } = useWorkbench.getState();
  if (order.length === 0) return;
  const index = order.indexOf(activeId ?? '');
  const next = order[(index + by + order.length) % order.length];
  if (!next) return;
  setActive(next);
  document.getElementById(`tab-${next}`)?.focus();
}

/** The window's own shortcuts, while no dialog is open (a dialog has its keys to itself). */
export function useShortcuts(api: WirebenchApi): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { dialogOpen, settingsOpen, shortcutsOpen, activeId } = useWorkbench.getState();
      if (dialogOpen || settingsOpen || shortcutsOpen) return;
      const command = commandOf(e);
      if (!command) return;
      if ((command === 'close' || command === 'find') && !activeId) return;
      e.preventDefault();
      switch (command) {
        case 'new':
          return setDialogOpen(true);
        case 'close':
          return void closeAndRemove(api, activeId!);
        case 'next':
          return step(1);
        case 'previous':
          return step(-1);
        case 'find':
          return requestFind();
        case 'settings':
          return setSettingsOpen(true);
        case 'sheet':
          return setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
