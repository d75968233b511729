import type { ParamKind } from './catalogue';

/**
 * Framing (shared/framing): why a message is not a well-formed frame, why
 * a delimiter as typed is not one, and the framing form's own checks.
 */
export const framingCatalogue = {
  'frame.no-delimiter': { max: 'count' },
  'frame.ended-after-delimiter': { count: 'count' },
  'frame.ended-in-frame': { count: 'count', length: 'count' },
  'frame.ended-in-header': { count: 'count', header: 'count' },
  'frame.length-over-limit': { field: 'int', total: 'int', max: 'int' },
  'frame.length-under-header': { field: 'int', total: 'int', header: 'int' },
  'frame.no-idle-gap': { max: 'count' },
  'delimiter.lone-backslash': {},
  'delimiter.x-digits': {},
  'delimiter.unknown-escape': { escape: 'text' },
  'hex.bad-digit': { char: 'text' },
  'hex.odd-digits': { count: 'count' },
  'delimiter.empty': {},
  'delimiter.too-long': { length: 'count', max: 'count' },
  'framing.max-frame-bytes': { max: 'bytes' },
  'framing.frame-length': { max: 'bytes' },
  'framing.idle-gap': { max: 'ms' },
} as const satisfies Record<string, Record<string, ParamKind>>;
