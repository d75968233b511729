import type { MessageRef } from './catalogue';

/**
 * One problem zod found in a request, as it crosses the bridge: zod's own
 * fields (never its English message), bounded, so the window can say it in
 * its language with zod's locales; or, for the contract's own checks (a
 * refinement carrying `params.message`), the catalogue message to say.
 */
export interface RequestIssue {
  /** zod's issue code: invalid_type, too_big, custom, … */
  code: string;
  /** Where in the request, as `spec.port` (empty for the request itself). */
  path: string;
  expected?: string;
  /** The type of what was given instead (zod's parsedType), never the value itself. */
  received?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  inclusive?: boolean;
  exact?: boolean;
  format?: string;
  pattern?: string;
  keys?: string[];
  values?: Array<string | number | boolean | null>;
  divisor?: number;
  /** The contract's own words for a check of its own. */
  message?: MessageRef;
}

/** Issues sent; the rest are counted. A hostile request may have thousands. */
export const MAX_REQUEST_ISSUES = 3;
const MAX_TEXT = 60;
const MAX_LIST = 8;

const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function parsedType(data: unknown): string {
  if (typeof data === 'number') return Number.isNaN(data) ? 'nan' : 'number';
  if (typeof data !== 'object') return typeof data;
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  const proto = Object.getPrototypeOf(data) as { constructor?: { name?: unknown } } | null;
  const name = proto && proto !== Object.prototype ? proto.constructor?.name : undefined;
  return typeof name === 'string' ? clip(name) : 'object';
}

const bound = (v: unknown): number | string | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? v.toString() : undefined;

function isRef(v: unknown): v is MessageRef {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

/** A zod issue (from `safeParse(…, { reportInput: true })`) as it may cross the bridge. */
export function requestIssue(zodIssue: object): RequestIssue {
  const issue = zodIssue as Record<string, unknown>;
  const path = Array.isArray(issue.path) ? issue.path.slice(0, MAX_LIST).map(String) : [];
  const out: RequestIssue = { code: clip(String(issue.code)), path: clip(path.join('.')) };
  if (typeof issue.expected === 'string') out.expected = clip(issue.expected);
  if (issue.code === 'invalid_type') out.received = parsedType(issue.input);
  if (typeof issue.origin === 'string') out.origin = clip(issue.origin);
  const min = bound(issue.minimum);
  const max = bound(issue.maximum);
  if (min !== undefined) out.minimum = min;
  if (max !== undefined) out.maximum = max;
  if (typeof issue.inclusive === 'boolean') out.inclusive = issue.inclusive;
  if (typeof issue.exact === 'boolean') out.exact = issue.exact;
  if (typeof issue.format === 'string') out.format = clip(issue.format);
  if (typeof issue.pattern === 'string') out.pattern = clip(issue.pattern);
  if (typeof issue.divisor === 'number') out.divisor = issue.divisor;
  if (Array.isArray(issue.keys))
    out.keys = issue.keys.slice(0, MAX_LIST).map((k) => clip(String(k)));
  if (Array.isArray(issue.values)) {
    out.values = issue.values
      .slice(0, MAX_LIST)
      .map((v) =>
        typeof v === 'string'
          ? clip(v)
          : typeof v === 'number' || typeof v === 'boolean'
            ? v
            : null,
      );
  }
  const params = issue.params as { message?: unknown } | undefined;
  if (issue.code === 'custom' && isRef(params?.message)) out.message = params.message;
  return out;
}

/** The first few issues of a failed parse, and how many there were. */
export function requestIssues(error: { issues: ReadonlyArray<object> }): {
  issues: RequestIssue[];
  total: number;
} {
  return {
    issues: error.issues.slice(0, MAX_REQUEST_ISSUES).map((i) => requestIssue(i)),
    total: error.issues.length,
  };
}

/** Something whose parsedType is `type`, for zod's locales, which look at the input itself. */
function sampleOf(type: string | undefined): unknown {
  switch (type) {
    case undefined:
    case 'undefined':
      return undefined;
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'nan':
      return NaN;
    case 'boolean':
      return false;
    case 'bigint':
      return BigInt(0);
    case 'symbol':
      return Symbol('input');
    case 'function':
      return () => undefined;
    case 'null':
      return null;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return Object.create({ constructor: { name: type } }) as unknown;
  }
}

/** The issue as zod's locales read it (`localeError(issue)`). */
export function zodIssueOf(issue: RequestIssue): Record<string, unknown> & { code: string } {
  const { path: _path, received, message: _message, ...rest } = issue;
  void _path;
  void _message;
  return {
    ...rest,
    path: [],
    input: sampleOf(received),
    keys: rest.keys ?? [],
    values: rest.values ?? [],
  };
}
