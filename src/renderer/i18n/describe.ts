import type { MessageRef } from '../../shared/messages/catalogue';
import { formatMessage } from '../../shared/messages/format-message';
import { languageFormats } from '../../shared/messages/language-formats';
import { sentencesEn } from '../../shared/messages/sentences-en';
import { sentencesZhCN } from '../../shared/messages/sentences-zh-CN';
import { currentLocale } from './i18n';

const tables = { en: sentencesEn, 'zh-CN': sentencesZhCN } as const;

/**
 * A message from main (or from the shared parsers) as a sentence in the
 * window's language: the one place the renderer turns a code and its values
 * into words. Components that show one call useT() too, so that a change of
 * language renders them again; nothing keeps the sentence itself.
 */
export function describe(
  ref: MessageRef | { code: string; params: Record<string, unknown> },
): string {
  const locale = currentLocale();
  return formatMessage(ref, tables[locale], languageFormats[locale]);
}

/** What a field or a form shows: the window's own words as they are, a message described. */
export function sayProblem(problem: string | MessageRef): string {
  return typeof problem === 'string' ? problem : describe(problem);
}
