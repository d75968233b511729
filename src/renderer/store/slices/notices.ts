import type { StateCreator } from 'zustand';
import type { MessageRef } from '../../../shared/messages/catalogue';
import type { WorkbenchState } from '../store';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  endpointId: string | null;
  /** Kept as the code and its values: said in the language of the moment it is shown. */
  message: MessageRef;
}

/** What the person is told: failures, a peer's FIN, resets (said at display time). */
export interface NoticesSlice {
  /** The newest last; at most NOTICES_SHOWN. */
  notices: Notice[];
  addNotice(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
}

/** Notices on screen at once; an older one goes when a new one comes. */
export const NOTICES_SHOWN = 5;

let nextNoticeId = 1;

/** `notices` with one more, the oldest let go past NOTICES_SHOWN. */
export function withNotice(notices: Notice[], notice: Omit<Notice, 'id'>): Notice[] {
  return [...notices.slice(1 - NOTICES_SHOWN), { ...notice, id: nextNoticeId++ }];
}

export const createNoticesSlice: StateCreator<WorkbenchState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  addNotice: (notice) => set((s) => ({ notices: withNotice(s.notices, notice) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
