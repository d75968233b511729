import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { MessageRef } from '../../shared/messages/catalogue';
import { formatMessage, type ValueFormats } from '../../shared/messages/format-message';
import { formatDurationEn } from '../../shared/messages/plain-formats';
import { sentencesEn } from '../../shared/messages/sentences-en';
import { sentencesZhCN } from '../../shared/messages/sentences-zh-CN';
import { currentLocale, formatBytes, formatCount, type Locale } from './i18n';

/** Durations in Chinese: "500 毫秒", "1.5 秒", "2 分钟", "24 小时". */
export function formatDurationZh(ms: number): string {
  const trim = (n: number): string => String(Math.round(n * 100) / 100);
  if (ms < 1000) return `${ms} 毫秒`;
  if (ms < 60_000) return `${trim(ms / 1000)} 秒`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} 分钟`;
  return `${trim(ms / 3_600_000)} 小时`;
}

type ZodLocale = (issue: never) => string | { message: string } | undefined | null;

function zodWords(localeError: ZodLocale): ValueFormats['zodIssue'] {
  return (issue) => {
    const said = localeError(issue as never);
    return typeof said === 'string' ? said : (said?.message ?? issue.code);
  };
}

const languages: Record<Locale, { table: typeof sentencesEn; formats: ValueFormats }> = {
  en: {
    table: sentencesEn,
    formats: {
      count: formatCount,
      bytes: formatBytes,
      ms: formatDurationEn,
      zodIssue: zodWords(en().localeError as ZodLocale),
      listSeparator: '; ',
    },
  },
  'zh-CN': {
    table: sentencesZhCN,
    formats: {
      count: formatCount,
      bytes: formatBytes,
      ms: formatDurationZh,
      zodIssue: zodWords(zhCN().localeError as ZodLocale),
      listSeparator: '；',
    },
  },
};

/**
 * A message from main (or from the shared parsers) as a sentence in the
 * window's language: the one place the renderer turns a code and its values
 * into words. Components that show one call useT() too, so that a change of
 * language renders them again; nothing keeps the sentence itself.
 */
export function describe(
  ref: MessageRef | { code: string; params: Record<string, unknown> },
): string {
  const { table, formats } = languages[currentLocale()];
  return formatMessage(ref, table, formats);
}

/** What a field or a form shows: the window's own words as they are, a message described. */
export function sayProblem(problem: string | MessageRef): string {
  return typeof problem === 'string' ? problem : describe(problem);
}
