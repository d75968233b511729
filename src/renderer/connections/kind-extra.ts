import type { MessageRef } from '../../shared/messages/catalogue';

/** The kind-specific part of a spec, and the first reason it cannot be opened yet. */
export interface KindExtra {
  fields: Record<string, unknown>;
  /** The window's own words, or a message (shared field checks). */
  problem: string | MessageRef | null;
}

export const NO_EXTRA: KindExtra = { fields: {}, problem: null };
