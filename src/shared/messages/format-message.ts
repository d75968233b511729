import {
  catalogue,
  isMessageCode,
  type MessageCode,
  type MessageRef,
  type ParamKind,
} from './catalogue';

/** How one language shows numbers; the renderer and the CLI each pass theirs. */
export interface ValueFormats {
  count(n: number): string;
  bytes(n: number): string;
  ms(n: number): string;
}

/**
 * The sentence for a message in one language. Unknown codes (a newer main
 * process than this window) and missing values never throw: the code and the
 * raw values are shown instead, so nothing is silently lost.
 */
export function formatMessage(
  ref: { code: string; params: Record<string, unknown> },
  table: Record<MessageCode, string>,
  formats: ValueFormats,
): string {
  if (!isMessageCode(ref.code)) return `${ref.code} ${JSON.stringify(ref.params)}`;
  const kinds: Record<string, ParamKind> = catalogue[ref.code];
  return table[ref.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = ref.params[name];
    const kind = kinds[name];
    if (value === undefined || kind === undefined) return whole;
    if (typeof value !== 'number') return String(value);
    switch (kind) {
      case 'count':
        return formats.count(value);
      case 'bytes':
        return formats.bytes(value);
      case 'ms':
        return formats.ms(value);
      default:
        return String(value);
    }
  });
}

export type { MessageRef };

/** What is wrong with a sentence table at run time (the type checker says it first). */
export function sentenceProblems(table: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const code of Object.keys(catalogue) as MessageCode[]) {
    const sentence = table[code];
    if (sentence === undefined) {
      problems.push(`${code}: no sentence`);
      continue;
    }
    const named = [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const expected = Object.keys(catalogue[code]);
    const missing = expected.filter((p) => !named.includes(p));
    const extra = named.filter((p) => !expected.includes(p));
    if (missing.length > 0) problems.push(`${code}: missing {${missing.join('}, {')}}`);
    if (extra.length > 0) problems.push(`${code}: unknown {${extra.join('}, {')}}`);
  }
  return problems;
}
