import { create } from 'zustand';
import type { Chunk, EndpointInfo, ResultOf } from '../../shared/contract';

/** The newest rows a tab keeps for its view; the capture log in main keeps more. */
export const VIEW_ROW_LIMIT = 200_000;
/**
 * The most chunk bytes a tab keeps for its view: without it a long flood of
 * 64 KiB chunks would fill 200,000 rows with 13 GB and take the window down.
 */
export const VIEW_BYTE_LIMIT = 64 * 1024 * 1024;

export interface LogView {
  rows: Chunk[];
  /** Bytes of the chunks in `rows`. */
  heldBytes: number;
  /** Dropped by the capture log's budget (main process). */
  evicted: { chunks: number; bytes: number };
  /** Not delivered to this window because it was behind; the capture log keeps them while it has room. */
  skipped: { chunks: number; bytes: number };
  /** Rows this window let go of to stay within VIEW_ROW_LIMIT and VIEW_BYTE_LIMIT. */
  trimmed: { chunks: number; bytes: number };
  lastSeq: number;
  /** Bumped on every change, so components re-render without copying rows. */
  version: number;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  endpointId: string | null;
  message: string;
}

export interface WorkbenchState {
  endpoints: Record<string, EndpointInfo>;
  order: string[];
  activeId: string | null;
  logs: Record<string, LogView>;
  notices: Notice[];
  /** Every peer ever seen, by id, so log rows still name a peer that has gone. */
  peerNames: Record<string, string>;
  connected: boolean;
  dialogOpen: boolean;
  appInfo: ResultOf<'appInfo'> | null;
}

export const useWorkbench = create<WorkbenchState>(() => ({
  endpoints: {},
  order: [],
  activeId: null,
  logs: {},
  notices: [],
  peerNames: {},
  connected: false,
  dialogOpen: false,
  appInfo: null,
}));

export function emptyLog(): LogView {
  return {
    rows: [],
    heldBytes: 0,
    evicted: { chunks: 0, bytes: 0 },
    skipped: { chunks: 0, bytes: 0 },
    trimmed: { chunks: 0, bytes: 0 },
    lastSeq: -1,
    version: 0,
  };
}

let nextNoticeId = 1;

export function addNotice(notice: Omit<Notice, 'id'>): void {
  useWorkbench.setState((s) => ({
    notices: [...s.notices.slice(-4), { ...notice, id: nextNoticeId++ }],
  }));
}

export function dismissNotice(id: number): void {
  useWorkbench.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function setActive(id: string | null): void {
  useWorkbench.setState({ activeId: id });
}

export function setDialogOpen(open: boolean): void {
  useWorkbench.setState({ dialogOpen: open });
}
