import { create } from 'zustand';
import type { WirebenchApi } from '../../shared/contract';
import type { LibraryItem } from '../../shared/contract/library';
import type { Result } from '../../shared/contract/result';
import { addNotice } from '../store/store';

/** The library as the window last read it from the main process. */
export const useLibrary = create<{ items: LibraryItem[]; loaded: boolean }>(() => ({
  items: [],
  loaded: false,
}));

let loading: Promise<void> | null = null;

/** Reads the library once per page load; a set-aside file's sentence becomes a notice. */
export function loadLibrary(api: WirebenchApi): Promise<void> {
  loading ??= refresh(api, true);
  return loading;
}

export async function refresh(api: WirebenchApi, first = false): Promise<void> {
  const r = await api.listLibrary({});
  if (!r.ok) {
    addNotice({ level: 'error', endpointId: null, message: r.error.message });
    return;
  }
  useLibrary.setState({ items: r.value.items, loaded: true });
  if (first && r.value.notice)
    addNotice({ level: 'warning', endpointId: null, message: r.value.notice });
}

/** Runs one library operation, reports a failure as a notice, then re-reads the list. */
export async function libraryAction<T>(
  api: WirebenchApi,
  call: Promise<Result<T>>,
): Promise<T | null> {
  const r = await call;
  if (!r.ok) {
    addNotice({ level: 'error', endpointId: null, message: r.error.message });
    return null;
  }
  await refresh(api);
  return r.value;
}

/** Case-insensitive match on the name and the content. */
export function matches(item: LibraryItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return item.name.toLowerCase().includes(q) || item.spec.source.toLowerCase().includes(q);
}
