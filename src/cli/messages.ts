import { formatMessage, type ValueFormats } from '../shared/messages/format-message';
import { sentencesEn } from '../shared/messages/sentences-en';

/**
 * What the engine and automation report, as the sentence the command line
 * prints. A message of the catalogue (a code and its parameters) is put
 * into its English sentence with plain values; a problem that still carries
 * its own English sentence (`message`, as automation's problems do until
 * they move to the catalogue) is printed as it is.
 */

/**
 * Values as a script reads them: digits without grouping, durations in ms
 * (as the options and the script language write them: `within 1000`).
 */
export const cliFormats: ValueFormats = {
  count: (n) => String(n),
  bytes: (n) => `${n} bytes`,
  ms: (n) => `${n} ms`,
};

export function sentenceOf(ref: { code: string; params: object; message?: unknown }): string {
  if (typeof ref.message === 'string') return ref.message;
  return formatMessage(
    { code: ref.code, params: ref.params as Record<string, unknown> },
    sentencesEn,
    cliFormats,
  );
}

/** The sentence of whatever was thrown: an engine error's message, else its text. */
export function errorSentence(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'code' in err && 'params' in err)
    return sentenceOf(err as { code: string; params: object });
  return String(err);
}
