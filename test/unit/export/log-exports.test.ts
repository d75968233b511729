import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { hexdump } from '../../../src/shared/bytes/hexdump';
import { csvExport, csvField } from '../../../src/shared/export/csv-export';
import { jsonlExport, type JsonlRecord } from '../../../src/shared/export/jsonl-export';
import { textExport, textExportBlocks } from '../../../src/shared/export/text-export';
import { isoMicros, localMicros } from '../../../src/shared/export/time-format';

const T0 = 1_700_000_000_123_456; // 2023-11-14T22:13:20.123456Z
const chunks: Chunk[] = [
  {
    seq: 7,
    endpointId: 'ep1',
    peerId: 'p1',
    dir: 'rx',
    time: T0,
    data: new TextEncoder().encode('Hello\r\n'),
  },
  { seq: 8, endpointId: 'ep1', peerId: 'p1', dir: 'tx', time: T0 + 1, data: Uint8Array.of(0) },
  {
    seq: 9,
    endpointId: 'ep1',
    peerId: 'p2',
    dir: 'rx',
    time: T0 + 999_999,
    data: new Uint8Array(0),
  },
];

describe('time formats', () => {
  it('keeps microseconds', () => {
    expect(isoMicros(T0)).toBe('2023-11-14T22:13:20.123456Z');
    expect(isoMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
    expect(localMicros(T0 + 999_999, 'utc')).toBe('2023-11-14 22:13:21.123455');
    // Local time is the same instant: it differs from UTC by whole minutes only.
    expect(localMicros(T0).slice(-9)).toBe(localMicros(T0, 'utc').slice(-9));
  });
});

describe('text export', () => {
  it('writes a header per chunk, then its hexdump -C', () => {
    const text = textExport(chunks, {
      timeZone: 'utc',
      peerLabel: (c) => (c.peerId === 'p1' ? '127.0.0.1:5000' : '[::1]:6000'),
    });
    expect(text).toBe(
      '2023-11-14 22:13:20.123456  RX  127.0.0.1:5000  7 bytes\n' +
        hexdump(chunks[0]!.data) +
        '\n' +
        '2023-11-14 22:13:20.123457  TX  127.0.0.1:5000  1 byte\n' +
        '00000000  00                                                |.|\n00000001\n' +
        '\n' +
        '2023-11-14 22:13:21.123455  RX  [::1]:6000  0 bytes\n' +
        '\n',
    );
    expect([...textExportBlocks(chunks, { timeZone: 'utc' })].join('')).toBe(
      textExport(chunks, { timeZone: 'utc' }),
    );
  });
});

describe('CSV export', () => {
  it("is RFC 4180: Python's csv module reads back every field", () => {
    const csv = csvExport(chunks, {
      peerLabel: (c) => (c.seq === 8 ? 'name, with "quotes"' : c.peerId),
    });
    expect(csv.split('\r\n')[0]).toBe('time_us,iso_time,direction,endpoint,peer,length,hex');
    expect(csv.endsWith('\r\n')).toBe(true);
    const script =
      'import csv, io, json, sys\nprint(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))';
    const rows = JSON.parse(
      execFileSync('python3', ['-c', script], { input: csv, encoding: 'utf8' }),
    ) as string[][];
    expect(rows).toEqual([
      ['time_us', 'iso_time', 'direction', 'endpoint', 'peer', 'length', 'hex'],
      [String(T0), '2023-11-14T22:13:20.123456Z', 'rx', 'ep1', 'p1', '7', '48656c6c6f0d0a'],
      [
        String(T0 + 1),
        '2023-11-14T22:13:20.123457Z',
        'tx',
        'ep1',
        'name, with "quotes"',
        '1',
        '00',
      ],
      [String(T0 + 999_999), '2023-11-14T22:13:21.123455Z', 'rx', 'ep1', 'p2', '0', ''],
    ]);
  });

  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('JSON lines export', () => {
  it('writes one object per line with the bytes as hex and base64', () => {
    const lines = jsonlExport(chunks).split('\n');
    expect(lines.at(-1)).toBe('');
    const records = lines.slice(0, -1).map((l) => JSON.parse(l) as JsonlRecord);
    expect(records[0]).toEqual({
      seq: 7,
      time_us: T0,
      time: '2023-11-14T22:13:20.123456Z',
      direction: 'rx',
      endpoint: 'ep1',
      peer: 'p1',
      length: 7,
      hex: '48656c6c6f0d0a',
      base64: 'SGVsbG8NCg==',
    });
    records.forEach((r, i) => {
      expect(new Uint8Array(Buffer.from(r.base64, 'base64'))).toEqual(chunks[i]!.data);
      expect(new Uint8Array(Buffer.from(r.hex, 'hex'))).toEqual(chunks[i]!.data);
    });
  });
});
