import type { ParamKind } from './catalogue';

/**
 * The checks of the contract's own (refinements zod cannot say in its
 * words) and of the address fields the forms share with it (net/address.ts).
 * zod's built-in checks (type, range, length) carry no words of ours: the
 * window says them with zod's locale.
 */
export const fieldsCatalogue = {
  'address.host-empty': {},
  'address.host-spaces': {},
  'address.host-invalid': { host: 'text' },
  'address.port-empty': {},
  'address.port-not-number': { text: 'text' },
  'address.port-too-big': { port: 'text' },
  'address.port-zero': {},
  'field.port-above-zero': {},
  'field.id-characters': {},
  'field.not-bytes': {},
  'field.bytes-too-big': { max: 'bytes' },
  'field.certificate-file-too-big': { max: 'bytes' },
  'field.multicast-group': {},
  'field.interface-characters': {},
  'field.certificate-name-characters': {},
  'field.selection-backwards': {},
} as const satisfies Record<string, Record<string, ParamKind>>;
