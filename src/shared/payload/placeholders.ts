import { msg, type MessageRef } from '../messages/catalogue';
import { issue, type PayloadIssue } from './issues';

/**
 * Placeholders are expanded at send time: `{{counter}}`, `{{counter:W}}`,
 * `{{counter:W:BASE}}`, `{{timestamp}}` (`:ms`, `:s`, `:iso`), `{{random:N}}`
 * and `{{file:ID}}`. Everything here is pure: the clock, the counter, the
 * randomness and file bytes come in through PlaceholderContext, so the
 * preview and the tests are deterministic and the renderer never reads files.
 */
export type Placeholder =
  /** width 0 means no padding and no wrap-around */
  | { kind: 'counter'; width: number; base: number }
  | { kind: 'timestamp'; format: 'ms' | 's' | 'iso' }
  | { kind: 'random'; length: number }
  | { kind: 'file'; id: string };

export interface PlaceholderToken {
  placeholder: Placeholder;
  /** Offsets of the whole `{{…}}` in the source. */
  start: number;
  end: number;
  text: string;
}

export interface PlaceholderContext {
  /** The value `{{counter}}` shows; the caller increments it per send. */
  counter?: number;
  /** Unix time in milliseconds for `{{timestamp}}`; defaults to Date.now(). */
  nowMs?: number;
  /** N random bytes for `{{random:N}}` (e.g. crypto.getRandomValues). */
  randomBytes?: (length: number) => Uint8Array;
  /** Bytes of a file the user chose in the main process's dialog, by id. */
  file?: (id: string) => Uint8Array | undefined;
  /** The size of a chosen file, known before its bytes are read (to refuse a payload too big). */
  fileSize?: (id: string) => number | undefined;
}

export const MAX_RANDOM_BYTES = 65536;
const MAX_COUNTER_WIDTH = 20;
const FILE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export type PlaceholderScan =
  { ok: true; token: PlaceholderToken } | { ok: false; issue: PayloadIssue; end: number };

/**
 * Reads the placeholder that starts with `{{` at `at`. The closing `}}` must
 * be on the same line: a stray `{{` should be reported where it is, not
 * swallow the rest of the payload into one bogus placeholder.
 */
export function scanPlaceholder(source: string, at: number): PlaceholderScan {
  let close = -1;
  for (let i = at + 2; i < source.length - 1; i++) {
    const c = source[i];
    if (c === '\n' || c === '\r') break;
    if (c === '}' && source[i + 1] === '}') {
      close = i;
      break;
    }
  }
  if (close < 0) {
    return {
      ok: false,
      issue: issue(
        msg('payload.placeholder-unclosed', { opening: '{{', closing: '}}' }),
        at,
        at + 2,
      ),
      end: at + 2,
    };
  }
  const end = close + 2;
  const text = source.slice(at, end);
  const parsed = parseBody(source.slice(at + 2, close).trim(), text);
  if ('code' in parsed) return { ok: false, issue: issue(parsed, at, end), end };
  return { ok: true, token: { placeholder: parsed, start: at, end, text } };
}

/** The placeholder for a body like `counter:4:16`, or the message saying what is wrong. */
function parseBody(body: string, text: string): Placeholder | MessageRef {
  const [name, ...args] = body.split(':');
  switch (name) {
    case 'counter': {
      if (args.length > 2) return msg('payload.counter-args', { form: '{{counter:WIDTH:BASE}}' });
      const width = args[0] === undefined ? 0 : toInt(args[0]);
      const base = args[1] === undefined ? 10 : toInt(args[1]);
      if (width === null || (args[0] !== undefined && width < 1) || width > MAX_COUNTER_WIDTH)
        return msg('payload.counter-width', { form: '{{counter:WIDTH}}', max: MAX_COUNTER_WIDTH });
      if (base === null || base < 2 || base > 36)
        return msg('payload.counter-base', { form: '{{counter:WIDTH:BASE}}' });
      return { kind: 'counter', width, base };
    }
    case 'timestamp': {
      if (args.length === 0) return { kind: 'timestamp', format: 'ms' };
      const format = args.join(':');
      if (format === 'ms' || format === 's' || format === 'iso')
        return { kind: 'timestamp', format };
      return msg('payload.timestamp-format', { form: '{{timestamp:…}}', format });
    }
    case 'random': {
      const length = args.length === 1 && args[0] !== undefined ? toInt(args[0]) : null;
      if (length === null || length < 1 || length > MAX_RANDOM_BYTES)
        return msg('payload.random-length', { form: '{{random:N}}', max: MAX_RANDOM_BYTES });
      return { kind: 'random', length };
    }
    case 'file': {
      const id = args.join(':');
      if (!FILE_ID.test(id)) return msg('payload.file-id', { form: '{{file:ID}}' });
      return { kind: 'file', id };
    }
    default:
      return msg('payload.unknown-placeholder', { placeholder: text });
  }
}

/** A plain decimal integer; `toInt('1e3')` and `toInt(' 4')` are not one. */
function toInt(s: string): number | null {
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

export type Expansion =
  { ok: true; value: string | Uint8Array } | { ok: false; message: MessageRef };

/**
 * The value of a placeholder: text (counter, timestamp) for the caller to
 * encode, or bytes (random, file) to splice in as they are.
 */
export function expandPlaceholder(
  p: Placeholder,
  ctx: PlaceholderContext,
  /** As typed, for the message when it cannot be expanded. */
  placeholder = `{{${p.kind}}}`,
): Expansion {
  switch (p.kind) {
    case 'counter':
      return { ok: true, value: formatCounter(ctx.counter ?? 0, p.width, p.base) };
    case 'timestamp': {
      const ms = ctx.nowMs ?? Date.now();
      if (p.format === 'iso') return { ok: true, value: new Date(ms).toISOString() };
      return { ok: true, value: String(Math.floor(p.format === 's' ? ms / 1000 : ms)) };
    }
    case 'random': {
      if (!ctx.randomBytes)
        return { ok: false, message: msg('payload.no-random-source', { placeholder }) };
      const bytes = ctx.randomBytes(p.length);
      if (bytes.length !== p.length)
        return {
          ok: false,
          message: msg('payload.random-short', {
            placeholder,
            got: bytes.length,
            wanted: p.length,
          }),
        };
      return { ok: true, value: bytes };
    }
    case 'file': {
      const bytes = ctx.file?.(p.id);
      if (!bytes)
        return { ok: false, message: msg('payload.file-not-loaded', { placeholder, id: p.id }) };
      return { ok: true, value: bytes };
    }
  }
}

/**
 * A counter as fixed-width text. A fixed-width field on a device wraps
 * around rather than growing, so the value is taken modulo BASE^WIDTH.
 */
export function formatCounter(value: number, width: number, base: number): string {
  let n = BigInt(Math.max(0, Math.trunc(value)));
  if (width > 0) n %= BigInt(base) ** BigInt(width);
  return n.toString(base).toUpperCase().padStart(width, '0');
}
