function size(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** A capture log budget larger than the machine can give was made smaller. */
export function budgetClampedSentence(asked: number, applied: number, totalMemory: number): string {
  return `A capture log budget of ${size(asked)} is more than half of this machine's memory (${size(totalMemory)}); the log keeps up to ${size(applied)} instead`;
}
