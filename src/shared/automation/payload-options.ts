import { CHECKSUM_IDS, getChecksum, type ChecksumId } from '../payload/checksums/catalogue';
import { TEXT_ENCODING_NAMES, type TextEncodingName } from '../payload/encodings';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../payload/payload-spec';
import { problem, type AutomationProblem } from './automation-errors';

/**
 * The payload editor's options written after a payload in a script, each a
 * `+word`: `+crlf`, `+gbk`, `+no-escapes`, `+crc16-modbus`, `+le`, `+from=2`.
 * Names are the editor's own ids (the catalogue's checksum ids, the encoding
 * names), compared without case and without `-`, `/` or `_`, so
 * `+crc16/modbus` and `+CRC-16/MODBUS` both name crc16-modbus. A checksum
 * takes its usual byte order (Modbus: low byte first), as in the editor.
 */

export interface OptionToken {
  /** The text after the `+`. */
  text: string;
  start: number;
  end: number;
}

export type OptionProblem = AutomationProblem & { start: number; end: number };

type Setting =
  | { kind: 'lineEnding'; value: PayloadSpec['lineEnding'] }
  | { kind: 'encoding'; value: TextEncodingName }
  | { kind: 'escapes' }
  | { kind: 'checksum'; value: ChecksumId }
  | { kind: 'order'; value: 'be' | 'le' }
  | { kind: 'from' | 'to'; value: number }
  | { kind: 'afterEol' }
  | { kind: 'hexText' };

const normalize = (s: string): string => s.toLowerCase().replace(/[-/_]/g, '');

const NAMED = new Map<string, Setting>([
  ['lf', { kind: 'lineEnding', value: 'lf' }],
  ['cr', { kind: 'lineEnding', value: 'cr' }],
  ['crlf', { kind: 'lineEnding', value: 'crlf' }],
  ['noescapes', { kind: 'escapes' }],
  ['le', { kind: 'order', value: 'le' }],
  ['be', { kind: 'order', value: 'be' }],
  ['aftereol', { kind: 'afterEol' }],
  ['hextext', { kind: 'hexText' }],
  ...TEXT_ENCODING_NAMES.map((e): [string, Setting] => [
    normalize(e),
    { kind: 'encoding', value: e },
  ]),
  ...CHECKSUM_IDS.map((id): [string, Setting] => [normalize(id), { kind: 'checksum', value: id }]),
]);

function settingOf(text: string): Setting | 'bad-number' | null {
  const range = /^(from|to)=(.*)$/i.exec(text);
  if (range) {
    const value = range[2] as string;
    if (!/^-?\d{1,9}$/.test(value)) return 'bad-number';
    return { kind: (range[1] as string).toLowerCase() as 'from' | 'to', value: Number(value) };
  }
  return NAMED.get(normalize(text)) ?? null;
}

/** The spec the options make for a payload in `mode`, and what is wrong with them. */
export function applyOptions(
  mode: PayloadSpec['mode'],
  source: string,
  options: OptionToken[],
): { spec: PayloadSpec; problems: OptionProblem[] } {
  const spec: PayloadSpec = {
    ...DEFAULT_PAYLOAD_SPEC,
    mode,
    source,
    checksum: { ...DEFAULT_PAYLOAD_SPEC.checksum },
  };
  const problems: OptionProblem[] = [];
  const seen = new Map<Setting['kind'], OptionToken>();
  const needsChecksum: OptionToken[] = [];
  let order: 'be' | 'le' | null = null;
  for (const o of options) {
    const fail = (p: AutomationProblem): void => {
      problems.push({ ...p, start: o.start, end: o.end });
    };
    const s = settingOf(o.text);
    if (s === null) {
      fail(problem('option-unknown', { option: o.text }));
      continue;
    }
    if (s === 'bad-number') {
      fail(problem('option-value-invalid', { option: o.text }));
      continue;
    }
    const previous = seen.get(s.kind);
    if (previous) {
      fail(problem('option-conflict', { option: o.text, previous: previous.text }));
      continue;
    }
    seen.set(s.kind, o);
    if (mode === 'hex' && (s.kind === 'encoding' || s.kind === 'escapes')) {
      fail(problem('option-text-only', { option: o.text }));
      continue;
    }
    switch (s.kind) {
      case 'lineEnding':
        spec.lineEnding = s.value;
        break;
      case 'encoding':
        spec.encoding = s.value;
        break;
      case 'escapes':
        spec.escapes = false;
        break;
      case 'checksum':
        spec.checksum.id = s.value;
        break;
      case 'order':
        order = s.value;
        needsChecksum.push(o);
        break;
      case 'from':
      case 'to':
        spec.checksum[s.kind] = s.value;
        needsChecksum.push(o);
        break;
      case 'afterEol':
        spec.checksum.beforeLineEnding = false;
        needsChecksum.push(o);
        break;
      case 'hexText':
        spec.checksum.format = 'hex-text';
        needsChecksum.push(o);
        break;
    }
  }
  const id = spec.checksum.id;
  if (id === 'none') {
    for (const o of needsChecksum)
      problems.push({
        ...problem('option-needs-checksum', { option: o.text }),
        start: o.start,
        end: o.end,
      });
    spec.checksum = { ...DEFAULT_PAYLOAD_SPEC.checksum };
  } else spec.checksum.order = order ?? getChecksum(id).defaultOrder;
  return { spec, problems };
}

/** The options that give `spec`, canonically spelled, for printing a script. */
export function formatOptions(spec: PayloadSpec): string[] {
  const out: string[] = [];
  if (spec.mode === 'text') {
    if (spec.encoding !== DEFAULT_PAYLOAD_SPEC.encoding) out.push(spec.encoding);
    if (!spec.escapes) out.push('no-escapes');
  }
  if (spec.lineEnding !== 'none') out.push(spec.lineEnding);
  const c = spec.checksum;
  if (c.id !== 'none') {
    out.push(c.id);
    if (c.order !== getChecksum(c.id).defaultOrder) out.push(c.order);
    if (c.from !== 0) out.push(`from=${c.from}`);
    if (c.to !== null) out.push(`to=${c.to}`);
    if (!c.beforeLineEnding) out.push('after-eol');
    if (c.format === 'hex-text') out.push('hex-text');
  }
  return out.map((o) => `+${o}`);
}
