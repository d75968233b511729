import {
  catalogue,
  isMessageCode,
  type MessageCode,
  type MessageRef,
  type ParamKind,
} from './catalogue';
import { zodIssueOf, type RequestIssue } from './request-issues';

/** How one language shows values; the renderer and the CLI each pass theirs. */
export interface ValueFormats {
  count(n: number): string;
  bytes(n: number): string;
  ms(n: number): string;
  /** zod's own words for one of its issues, in this language (its locale's `localeError`). */
  zodIssue(issue: Record<string, unknown> & { code: string }): string;
  /** Between the problems of a list: "; " in English, "；" in Chinese. */
  listSeparator: string;
}

type AnyRef = { code: string; params: Record<string, unknown> };

/** Nested messages deeper than this are shown as their code (a message never needs more). */
const MAX_DEPTH = 4;

/**
 * The sentence for a message in one language. Unknown codes (a newer main
 * process than this window) and missing values never throw: the code and the
 * raw values are shown instead, so nothing is silently lost. A parameter of
 * kind `message` is itself a message, said in the same language; one of
 * kind `issues` is a list of request problems, said with zod's locale or,
 * for the contract's own checks, with the table.
 */
export function formatMessage(
  ref: MessageRef | AnyRef,
  table: Record<MessageCode, string>,
  formats: ValueFormats,
  depth = 0,
): string {
  const r = ref as AnyRef;
  if (!isMessageCode(r.code) || depth > MAX_DEPTH) return `${r.code} ${JSON.stringify(r.params)}`;
  const kinds: Record<string, ParamKind> = catalogue[r.code];
  return table[r.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = r.params?.[name];
    const kind = kinds[name];
    if (value === undefined || kind === undefined) return whole;
    switch (kind) {
      case 'message':
        return isRef(value) ? formatMessage(value, table, formats, depth + 1) : String(value);
      case 'issues':
        return Array.isArray(value)
          ? value
              .map((i: RequestIssue) => formatIssue(i, table, formats, depth + 1))
              .join(formats.listSeparator)
          : String(value);
      default:
        break;
    }
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

function isRef(v: unknown): v is AnyRef {
  return typeof v === 'object' && v !== null && typeof (v as AnyRef).code === 'string';
}

/** One request problem: where (the field's path), then what, in the table's language. */
export function formatIssue(
  issue: RequestIssue,
  table: Record<MessageCode, string>,
  formats: ValueFormats,
  depth = 0,
): string {
  const what = issue.message
    ? formatMessage(issue.message, table, formats, depth)
    : formats.zodIssue(zodIssueOf(issue));
  return issue.path ? `${issue.path}: ${what}` : what;
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
