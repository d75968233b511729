import { z } from 'zod';
import { CHECKSUM_IDS } from './checksums/catalogue';
import { TEXT_ENCODING_NAMES } from './encodings';

/**
 * The payload as the editor holds it and the library persists it. Fields
 * added after the first release have defaults, so an older saved payload
 * still parses.
 */

/** The editor never holds a huge document; big payloads come from {{file:…}}. */
export const MAX_SOURCE_CHARS = 4 * 1024 * 1024;

/** The most one Send puts on the wire (body and appended parts): 64 MiB. */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

export const checksumSpecSchema = z.object({
  id: z.enum(['none', ...CHECKSUM_IDS]).default('none'),
  /** Byte order on the wire ('be': most significant byte first). */
  order: z.enum(['be', 'le']).default('be'),
  /** Start of the covered range; negative counts from the end. */
  from: z.number().int().default(0),
  /** End of the covered range (exclusive); null is the end, negative counts from the end. */
  to: z.number().int().nullable().default(null),
  /**
   * Where the checksum goes. True (the default): body, checksum, line ending,
   * the checksum covering the body — what text protocols with a terminator
   * do (a BCC before the CR). False: body, line ending, checksum, the
   * checksum covering both. Without a line ending (Modbus RTU) both are the same.
   */
  beforeLineEnding: z.boolean().default(true),
  /**
   * 'binary': the checksum's bytes. 'hex-text': its bytes as uppercase hex
   * characters in ASCII, as NMEA 0183 writes its XOR after the '*'.
   */
  format: z.enum(['binary', 'hex-text']).default('binary'),
});

export const payloadSpecSchema = z.object({
  mode: z.enum(['text', 'hex']),
  source: z.string().max(MAX_SOURCE_CHARS),
  encoding: z.enum(TEXT_ENCODING_NAMES).default('utf-8'),
  escapes: z.boolean().default(true),
  lineEnding: z.enum(['none', 'lf', 'cr', 'crlf']).default('none'),
  checksum: checksumSpecSchema.default({
    id: 'none',
    order: 'be',
    from: 0,
    to: null,
    beforeLineEnding: true,
    format: 'binary',
  }),
});

export type PayloadSpec = z.infer<typeof payloadSpecSchema>;
export type ChecksumSpec = z.infer<typeof checksumSpecSchema>;
export type LineEnding = PayloadSpec['lineEnding'];
export type PayloadMode = PayloadSpec['mode'];

/** An empty text payload, UTF-8, escapes on, nothing appended. */
export const DEFAULT_PAYLOAD_SPEC: PayloadSpec = payloadSpecSchema.parse({
  mode: 'text',
  source: '',
});
