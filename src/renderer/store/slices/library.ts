import type { StateCreator } from 'zustand';
import type { LibraryItem } from '../../../shared/contract/library';
import type { WorkbenchState } from '../store';

/** The payload library as the window last read it from the main process. */
export interface LibrarySlice {
  libraryItems: LibraryItem[];
  setLibraryItems(items: LibraryItem[]): void;
}

export const createLibrarySlice: StateCreator<WorkbenchState, [], [], LibrarySlice> = (set) => ({
  libraryItems: [],
  setLibraryItems: (items) => set({ libraryItems: items }),
});

/** Case-insensitive match on the name and the content. */
export function libraryItemMatches(item: LibraryItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return item.name.toLowerCase().includes(q) || item.spec.source.toLowerCase().includes(q);
}
