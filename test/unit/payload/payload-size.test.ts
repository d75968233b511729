import { describe, expect, it, vi } from 'vitest';
import { composePayload as composePayloadRefs } from '../../../src/shared/payload/compose';
import { payloadSpecSchema, type PayloadSpec } from '../../../src/shared/payload/payload-spec';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const composePayload = speaking(composePayloadRefs);

/**
 * Issue 9, item 3: a payload is measured before it is made, so one past
 * 64 MiB is refused without its random bytes or files ever being produced.
 */
const MiB = 1024 * 1024;
const spec = (input: Partial<PayloadSpec>): PayloadSpec =>
  payloadSpecSchema.parse({ mode: 'hex', source: '', ...input });
const randomSource = vi.fn((n: number) => new Uint8Array(n));

describe('the size of a payload, measured before it is made', () => {
  it('refuses 2048 × {{random:65536}} (128 MiB) without making one random byte, saying its size', () => {
    randomSource.mockClear();
    const r = composePayload(spec({ source: '{{random:65536}}'.repeat(2048) }), {
      randomBytes: randomSource,
    });
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          message: 'The payload is 134,217,728 bytes; at most 64 MiB can be sent at once',
          start: 0,
          end: 1,
        },
      ],
    });
    expect(randomSource).not.toHaveBeenCalled();
  });

  it('counts a file by the size it is known to have, before its bytes are asked for', () => {
    const file = vi.fn(() => new Uint8Array(40 * MiB));
    const r = composePayload(spec({ source: '{{file:fw}} {{file:fw}}' }), {
      file,
      fileSize: () => 40 * MiB,
    });
    expect(r.ok ? '' : r.issues[0]?.message).toContain('83,886,080 bytes');
    expect(file).not.toHaveBeenCalled();
  });

  it('counts what is appended: a checksum that takes 64 MiB − 1 byte past the limit', () => {
    randomSource.mockClear();
    const body = '{{random:65536}}'.repeat(1023) + '{{random:65535}}';
    const crc = { id: 'crc16-modbus' } as PayloadSpec['checksum'];
    const r = composePayload(spec({ source: body, checksum: { ...spec({}).checksum, ...crc } }), {
      randomBytes: randomSource,
    });
    expect(r.ok ? '' : r.issues[0]?.message).toContain('67,108,865 bytes');
    expect(randomSource).not.toHaveBeenCalled();
    const hexText = composePayload(
      spec({
        source: '{{random:65535}}'.repeat(1024),
        checksum: { ...spec({}).checksum, id: 'crc32', format: 'hex-text' },
      }),
      { randomBytes: randomSource },
    );
    // 1024 × 65535 + 8 hex digits: fits, and is made.
    expect(hexText.ok && hexText.bytes.length).toBe(1024 * 65535 + 8);
  });

  it('counts counters and timestamps as the text they become', () => {
    const r = composePayload(
      spec({ mode: 'text', encoding: 'utf-16le', source: '{{counter:4}}{{timestamp:iso}}' }),
      { counter: 7, nowMs: 0 },
    );
    expect(r.ok && r.bytes.length).toBe((4 + 24) * 2);
  });
});
