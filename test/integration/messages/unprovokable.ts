/** Filled in below. */
export const UNPROVOKABLE: Record<string, string> = {};
