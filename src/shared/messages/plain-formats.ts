import type { ValueFormats } from './format-message';
import type { MessageRef } from './catalogue';
import { formatMessage } from './format-message';
import { sentencesEn } from './sentences-en';

/** Durations as a person reads them: "500 ms", "1.5 s", "2 min", "24 h". */
export function formatDurationEn(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

const trim = (n: number): string => String(Math.round(n * 100) / 100);

/** Values without a locale: what the command line and logs in English use. */
export const plainFormats: ValueFormats = {
  count: (n) => String(n),
  bytes: (n) => `${n} bytes`,
  ms: formatDurationEn,
};

/**
 * A message as an English sentence, for the few places that still carry a
 * sentence rather than a code (a request's error, until results carry
 * codes too) and for tests.
 */
export function englishOf(
  ref: MessageRef | { code: string; params: Record<string, unknown> },
): string {
  return formatMessage(
    ref as { code: string; params: Record<string, unknown> },
    sentencesEn,
    plainFormats,
  );
}
