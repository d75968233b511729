import { describeProblem } from '../../../src/shared/automation/automation-errors';
import { describe, expect, it } from 'vitest';
import {
  checkPayloadSource,
  composeWithCaptures,
  findCaptureRefs,
  type Captures,
} from '../../../src/shared/automation/captures';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../../../src/shared/payload/payload-spec';
import { ascii, hex, toHex } from '../payload/bytes';

const captures: Captures = {
  numbered: [ascii('TOKEN=ab\\c'), ascii('ab\\c'), hex('00 2A')],
  named: { id: hex('12 34') },
};

function spec(mode: 'text' | 'hex', source: string, extra: Partial<PayloadSpec> = {}): PayloadSpec {
  return { ...DEFAULT_PAYLOAD_SPEC, mode, source, ...extra };
}

function bytesOf(s: PayloadSpec, c: Captures = captures, counter?: number): string {
  const r = composeWithCaptures(s, c, { counter });
  if (!r.ok) throw new Error(describeProblem(r.problem));
  return toHex(r.bytes);
}

describe('captures in a payload', () => {
  it('finds {{$1}} and {{$name}}, and leaves the editor placeholders alone', () => {
    expect(
      findCaptureRefs('a{{$1}}b{{$id}}{{counter}}{{$}}').map((r) => [r.name, r.start, r.end]),
    ).toEqual([
      ['1', 1, 7],
      ['id', 8, 15],
    ]);
  });

  it('puts captured bytes into text exactly, whatever they hold', () => {
    expect(bytesOf(spec('text', 'AUTH {{$1}}\\r\\n'))).toBe(toHex(ascii('AUTH ab\\c\r\n')));
    // A text source without escapes keeps its backslashes literal around the capture.
    expect(bytesOf(spec('text', 'x\\n{{$1}}', { escapes: false }))).toBe(toHex(ascii('x\\nab\\c')));
    // Raw bytes stay raw in UTF-16 text: a capture is bytes, not characters.
    expect(bytesOf(spec('text', 'A{{$2}}', { encoding: 'utf-16le' }))).toBe('41 00 00 2A');
  });

  it('puts captured bytes into hex, and never pairs digits across a capture', () => {
    expect(bytesOf(spec('hex', '01 03 {{$2}} {{$id}}'))).toBe('01 03 00 2A 12 34');
    expect(bytesOf(spec('hex', '01{{$2}}03'))).toBe('01 00 2A 03');
    const issues = checkPayloadSource(spec('hex', '0{{$2}}1'));
    expect(issues.map((i) => [i.start, i.end])).toEqual([
      [0, 1],
      [7, 8],
    ]);
  });

  it('recomposes placeholders and recomputes the checksum over the final bytes', () => {
    const reply = spec('hex', '01 03 02 {{$2}}', {
      checksum: { ...DEFAULT_PAYLOAD_SPEC.checksum, id: 'crc16-modbus', order: 'le' },
    });
    // CRC-16/MODBUS of 01 03 02 00 2A is 0x9B39 (low byte first).
    expect(bytesOf(reply)).toBe('01 03 02 00 2A 39 9B');
    const counted = spec('text', '{{$1}}#{{counter}}', { lineEnding: 'lf' });
    expect(bytesOf(counted, captures, 7)).toBe(toHex(ascii('ab\\c#7\n')));
  });

  it('says which capture has no value', () => {
    const r = composeWithCaptures(spec('text', 'x {{$5}} {{$nope}}'), captures);
    expect(r).toMatchObject({
      ok: false,
      problem: { code: 'automation.capture-unset', params: { name: '5' } },
    });
    expect(r.ok ? '' : describeProblem(r.problem)).toBe(
      'The capture $5 has no value: no match so far captured it',
    );
  });

  it('measures a reply made of big captures before making it: past 64 MiB it is refused unread', () => {
    // A device's 40 MiB frame, echoed twice: 80 MiB. Its bytes must not be touched to know that.
    class Unread extends Uint8Array {
      override [Symbol.iterator](): ArrayIterator<number> {
        throw new Error('the capture was read before the reply was measured');
      }
    }
    const big = new Unread(40 * 1024 * 1024);
    for (const mode of ['text', 'hex'] as const) {
      const r = composeWithCaptures(spec(mode, '{{$0}}{{$0}}'), { numbered: [big], named: {} });
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : describeProblem(r.problem)).toContain('64 MiB');
    }
  });

  it('puts a big capture in as bytes, the same bytes as a small one', () => {
    const frame = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) & 0xff);
    const r = composeWithCaptures(
      spec('text', '<{{$0}}>', { escapes: false, encoding: 'utf-16le' }),
      {
        numbered: [frame],
        named: {},
      },
    );
    expect(r.ok && r.bytes.length).toBe(frame.length + 4);
    expect(r.ok && Buffer.from(r.bytes.subarray(2, 2 + frame.length)).equals(frame)).toBe(true);
  });
});
