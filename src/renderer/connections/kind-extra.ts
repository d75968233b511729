/** The kind-specific part of a spec, and the first reason it cannot be opened yet. */
export interface KindExtra {
  fields: Record<string, unknown>;
  problem: string | null;
}

export const NO_EXTRA: KindExtra = { fields: {}, problem: null };
