import { useCallback } from 'react';
import type { ValueFormats } from '../../shared/messages/format-message';
import { formatMessage } from '../../shared/messages/format-message';
import type { MessageCode } from '../../shared/messages/catalogue';
import type { MessageRef } from '../../shared/messages/catalogue';
import { formatDurationEn } from '../../shared/messages/plain-formats';
import { sentencesEn } from '../../shared/messages/sentences-en';
import { sentencesZhCN } from '../../shared/messages/sentences-zh-CN';
import { currentLocale, formatBytes, formatCount, useT, type Locale } from './i18n';

const tables: Record<Locale, Record<MessageCode, string>> = {
  en: sentencesEn,
  'zh-CN': sentencesZhCN,
};

function formatDurationZh(ms: number): string {
  if (ms < 1000) return `${ms} 毫秒`;
  if (ms < 60_000) return `${Math.round(ms / 10) / 100} 秒`;
  if (ms < 3_600_000) return `${Math.round(ms / 600) / 100} 分钟`;
  return `${Math.round(ms / 36_000) / 100} 小时`;
}

const durations: Record<Locale, (ms: number) => string> = {
  en: formatDurationEn,
  'zh-CN': formatDurationZh,
};

type AnyRef = MessageRef | { code: string; params: Record<string, unknown> };

/**
 * A message from the main process (a code and its values) as a sentence in
 * the window's language. Call it while rendering (useDescribe re-renders on
 * a change of language), so what was said is shown in the language chosen now.
 */
export function describe(ref: AnyRef, locale: Locale = currentLocale()): string {
  const formats: ValueFormats = { count: formatCount, bytes: formatBytes, ms: durations[locale] };
  return formatMessage(
    ref as { code: string; params: Record<string, unknown> },
    tables[locale],
    formats,
  );
}

/** `describe` for the current language, re-rendering its component when the language changes. */
export function useDescribe(): (ref: AnyRef) => string {
  const { locale } = useT();
  return useCallback((ref: AnyRef) => describe(ref, locale), [locale]);
}
