import en from 'zod/v4/locales/en.js';
import type { ValueFormats } from './format-message';
import type { MessageRef } from './catalogue';
import { formatMessage } from './format-message';
import { sentencesEn } from './sentences-en';

/** A duration in the largest unit that fits: `units` name ms, s, min and h in a language. */
export function formatDuration(
  ms: number,
  units: readonly [ms: string, s: string, min: string, h: string],
): string {
  if (ms < 1000) return `${ms} ${units[0]}`;
  if (ms < 60_000) return `${trim(ms / 1000)} ${units[1]}`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} ${units[2]}`;
  return `${trim(ms / 3_600_000)} ${units[3]}`;
}

/** Durations as a person reads them: "500 ms", "1.5 s", "2 min", "24 h". */
export function formatDurationEn(ms: number): string {
  return formatDuration(ms, ['ms', 's', 'min', 'h']);
}

const trim = (n: number): string => String(Math.round(n * 100) / 100);

/** A byte count of 1 KiB or more in the largest binary unit that keeps it at least 1. */
export function binaryUnits(n: number): { value: number; unit: string } {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return { value, unit: units[unit]! };
}

/** Bytes without a locale: "512 bytes", "1.5 KiB", "64 MiB". */
export function formatBytesPlain(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const { value, unit } = binaryUnits(n);
  return `${trim(value)} ${unit}`;
}

const zodEn = en().localeError;

/** Values without a locale: what the command line and logs in English use. */
export const plainFormats: ValueFormats = {
  count: (n) => n.toLocaleString('en-US'),
  bytes: formatBytesPlain,
  ms: formatDurationEn,
  zodIssue: (issue) => {
    const said = zodEn(issue as Parameters<typeof zodEn>[0]);
    return typeof said === 'string' ? said : (said?.message ?? issue.code);
  },
  listSeparator: '; ',
};

/**
 * A message as an English sentence with plain values: for the command line,
 * the main process's own log file, and tests.
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
