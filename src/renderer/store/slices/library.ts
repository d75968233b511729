import type { StateCreator } from 'zustand';
import type { LibraryItem, PayloadItem } from '../../../shared/contract/library';
import type { WorkbenchState } from '../store';

/**
 * The library (payloads and sequences) as the window last read it from the
 * main process, and the payloads pinned as macro buttons (by id, in order).
 */
export interface LibrarySlice {
  libraryItems: LibraryItem[];
  macroPins: string[];
  setLibraryItems(items: LibraryItem[]): void;
  setMacroPins(ids: string[]): void;
}

export const createLibrarySlice: StateCreator<WorkbenchState, [], [], LibrarySlice> = (set) => ({
  libraryItems: [],
  macroPins: [],
  setLibraryItems: (items) => set({ libraryItems: items }),
  setMacroPins: (ids) => set({ macroPins: ids }),
});

/** The saved payloads (not sequences), in library order. */
export function payloadItemsOf(items: LibraryItem[]): PayloadItem[] {
  return items.filter((i): i is PayloadItem => i.kind === 'payload');
}

/** Case-insensitive match on the name and the content. */
export function libraryItemMatches(item: PayloadItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return item.name.toLowerCase().includes(q) || item.spec.source.toLowerCase().includes(q);
}
