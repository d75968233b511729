import { framingSpec, type FramingSpec } from '../../shared/framing/framing-spec';
import { UsageError, badFraming } from '../cli-errors';
import { issueSentence } from '../messages';

/**
 * `--framing` as a person types it, onto the app's framing spec
 * (src/shared/framing/framing-spec.ts), so a message is cut exactly as the
 * app's Messages view and its auto-reply rules cut it:
 *
 *   line            a message ends at \n (kept, with a \r before it)
 *   delim:TEXT      ends at TEXT, with the escapes \r \n \t \0 \xNN (delim:\r\n, delim:\x7E)
 *   fixed:N         N bytes each
 *   len:u16be       a length field first (u8, u16be, u16le, u32be, u32le) counting what follows;
 *                   len:u16be+2 adds 2 (a CRC the length leaves out)
 *   gap:MS          a message ends when the peer is silent for MS milliseconds
 *   raw             each read is a message (the default)
 */
export function parseFraming(command: string, text: string | undefined): FramingSpec {
  if (text === undefined) return { mode: 'raw' };
  const input = framingInput(text);
  if (!input) throw new UsageError(badFraming(text), command);
  const parsed = framingSpec.safeParse(input);
  if (!parsed.success) {
    const detail = issueSentence(parsed.error.issues[0], '');
    throw new UsageError(`${badFraming(text)} (${detail})`, command);
  }
  return parsed.data;
}

const LENGTH_FIELDS: Record<string, { size: 1 | 2 | 4; endian: 'big' | 'little' }> = {
  u8: { size: 1, endian: 'big' },
  u16be: { size: 2, endian: 'big' },
  u16le: { size: 2, endian: 'little' },
  u32be: { size: 4, endian: 'big' },
  u32le: { size: 4, endian: 'little' },
};

function framingInput(text: string): unknown {
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const value = colon < 0 ? '' : text.slice(colon + 1);
  switch (kind) {
    case 'raw':
      return colon < 0 ? { mode: 'raw' } : null;
    case 'line':
      return colon < 0 ? { mode: 'delimiter', delimiter: '\\n' } : null;
    case 'delim':
      return value === '' ? null : { mode: 'delimiter', delimiter: value };
    case 'fixed':
      return /^\d+$/.test(value) ? { mode: 'fixed', length: Number(value) } : null;
    case 'gap':
      return /^\d+(\.\d+)?$/.test(value) ? { mode: 'idle', gapMs: Number(value) } : null;
    case 'len': {
      const m = /^(u8|u16be|u16le|u32be|u32le)([+-]\d+)?$/i.exec(value);
      const field = m ? LENGTH_FIELDS[m[1]!.toLowerCase()] : undefined;
      if (!m || !field) return null;
      return { mode: 'length-prefix', ...field, adjustment: Number(m[2] ?? 0) };
    }
    default:
      return null;
  }
}
