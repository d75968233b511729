import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { ValueFormats } from './format-message';
import { binaryUnits, formatDuration, formatDurationEn } from './plain-formats';

/** The languages the window speaks. */
export type Language = 'en' | 'zh-CN';

/** Bytes as the window shows them: "512 B", "1.5 KiB", "64 MiB" (one decimal under 10). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const { value, unit } = binaryUnits(n);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}

/** Durations in Chinese: "500 毫秒", "1.5 秒", "2 分钟", "24 小时". */
export function formatDurationZh(ms: number): string {
  return formatDuration(ms, ['毫秒', '秒', '分钟', '小时']);
}

type LocaleError = (issue: never) => string | { message: string } | undefined | null;

/** zod's own words for one of its issues, from one of its locales. */
function zodWords(localeError: LocaleError): ValueFormats['zodIssue'] {
  return (issue) => {
    const said = localeError(issue as never);
    return typeof said === 'string' ? said : (said?.message ?? issue.code);
  };
}

const numbers = new Map<Language, Intl.NumberFormat>();

/**
 * How each language shows a message's values: counts grouped for the
 * locale, bytes in KiB/MiB, durations in its words, zod's issues in its
 * locale. The window (renderer/i18n/describe.ts) and the tests use these.
 */
export const languageFormats: Record<Language, ValueFormats> = {
  en: {
    count: (n) => numberFormat('en').format(n),
    bytes: formatBytes,
    ms: formatDurationEn,
    zodIssue: zodWords(en().localeError as LocaleError),
    listSeparator: '; ',
  },
  'zh-CN': {
    count: (n) => numberFormat('zh-CN').format(n),
    bytes: formatBytes,
    ms: formatDurationZh,
    zodIssue: zodWords(zhCN().localeError as LocaleError),
    listSeparator: '；',
  },
};

function numberFormat(language: Language): Intl.NumberFormat {
  let f = numbers.get(language);
  if (!f) numbers.set(language, (f = new Intl.NumberFormat(language)));
  return f;
}
