import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../src/cli/address-arg';
import { UsageError } from '../../../src/cli/cli-errors';
import { escapeXml } from '../../../src/cli/automation/junit-report';
import { NODE_CODECS } from '../../../src/cli/output/chunk-printer';
import { parseFraming } from '../../../src/cli/output/framing-arg';
import { sentenceOf } from '../../../src/cli/messages';
import { composeOrExplain, readPayloadSpec } from '../../../src/cli/payload-args';
import { jsonlRecord } from '../../../src/shared/export/jsonl-export';

/** What a command line argument parser made of `text`, or the sentence it refused it with. */
function outcome<T>(make: () => T): T | string {
  try {
    return make();
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
}

describe('--framing', () => {
  it.each([
    ['line', { mode: 'delimiter', delimiter: '\\n', delimiterFormat: 'text', keepDelimiter: true }],
    ['delim:\\r\\n', { mode: 'delimiter', delimiter: '\\r\\n' }],
    ['fixed:8', { mode: 'fixed', length: 8 }],
    ['len:u16be', { mode: 'length-prefix', size: 2, endian: 'big', adjustment: 0 }],
    ['len:u32le+2', { mode: 'length-prefix', size: 4, endian: 'little', adjustment: 2 }],
    ['gap:50', { mode: 'idle', gapMs: 50 }],
    ['raw', { mode: 'raw' }],
  ])('%s is the app’s framing spec', (text, spec) => {
    expect(parseFraming('listen', text)).toMatchObject(spec);
  });

  it.each(['lines', 'fixed:', 'fixed:0', 'len:u24', 'gap:-1', 'delim:', 'delim:\\q', 'line:x'])(
    '%s is refused with a sentence that lists the forms',
    (text) => {
      const said = outcome(() => parseFraming('listen', text));
      expect(said).toMatch(
        new RegExp(`^--framing '${text.replace(/[\\+]/g, '\\$&')}' is not a framing: use line`),
      );
    },
  );
});

describe('HOST:PORT', () => {
  it.each([
    ['127.0.0.1:9000', { host: '127.0.0.1', port: 9000 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ])('%s', (text, expected) => {
    expect(parseHostPort('listen', text, 'x', { allowPortZero: true })).toEqual(expected);
  });

  it.each([
    ['9000', "'9000' is not HOST:PORT"],
    ['::1:9000', "'::1:9000' is not HOST:PORT"],
    ['host:65536', 'Port 65536 is above 65535'],
    ['bad_host!:1', 'is not a host name'],
    ['127.0.0.1:0', 'Port 0 only makes sense for a listener'],
  ])('%s is refused: %s', (text, sentence) => {
    expect(outcome(() => parseHostPort('send', text, 'x', { allowPortZero: false }))).toContain(
      sentence,
    );
  });
});

describe('a payload from the command line', () => {
  it('is composed by the app’s composer: Modbus CRC low byte first unless told otherwise', () => {
    const le = readPayloadSpec('send', { hex: '01 03 00 00 00 0A', checksum: 'crc16-modbus' });
    expect(Buffer.from(composeOrExplain('send', le, 0)).toString('hex')).toBe('01030000000ac5cd');
    const be = readPayloadSpec('send', {
      hex: '01 03 00 00 00 0A',
      checksum: 'crc16-modbus',
      'checksum-order': 'be',
    });
    expect(Buffer.from(composeOrExplain('send', be, 0)).toString('hex')).toBe('01030000000acdc5');
  });

  it('says where a mistake is, by column', () => {
    const spec = readPayloadSpec('send', { text: 'ok \\q' });
    expect(outcome(() => composeOrExplain('send', spec, 0))).toMatch(/^Bad text at column 4: /);
  });
});

describe('--jsonl', () => {
  it('writes the app’s JSONL record exactly, with Node’s codecs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(1 << 20), (data, offset) => {
        // A view into a larger buffer, as the capture log's slabs hand chunks out.
        const slab = new Uint8Array(offset + data.length + 7);
        slab.set(data, offset);
        const chunk = {
          seq: 1,
          endpointId: 'e1',
          peerId: 'p1',
          dir: 'rx' as const,
          time: 1_700_000_000_000_001,
          data: slab.subarray(offset, offset + data.length),
        };
        expect(jsonlRecord(chunk, {}, NODE_CODECS)).toEqual(jsonlRecord(chunk));
      }),
      { numRuns: 200 },
    );
  });
});

describe('JUnit text', () => {
  it('escapes the XML specials and replaces what XML 1.0 cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0000\u0007\n`)).toBe(
      'a&lt;b&gt;&amp;&quot;c&apos;\uFFFD\uFFFD&#10;',
    );
  });
});

describe('messages of the catalogue', () => {
  // Said as every English view says them (englishOf, plainFormats): the
  // command line no longer keeps formats of its own, so a duration reads
  // "5 s" here as in the window, the log file and the tests.
  it('are the English sentence with plain values; a problem that carries its sentence is printed as it is', () => {
    expect(
      sentenceOf({ code: 'socket.timed-out', params: { where: '10.0.0.5:502', timeoutMs: 5000 } }),
    ).toBe('Connection to 10.0.0.5:502 timed out after 5 s');
    expect(sentenceOf({ code: 'automation.stopped', params: {}, message: 'Stopped' })).toBe(
      'Stopped',
    );
    expect(sentenceOf({ code: 'not.in-the-catalogue', params: { n: 1 } })).toBe(
      'not.in-the-catalogue {"n":1}',
    );
  });
});
