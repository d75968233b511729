import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { parseIp } from '../../../src/shared/export/packet-headers';
import {
  MAX_SEGMENT,
  pcapngBlocks,
  writePcapng,
  type PcapInput,
} from '../../../src/shared/export/pcapng';

/**
 * tshark is the judge: it must read the file with every checksum check on,
 * report no expert warnings or errors, and give back each chunk's bytes and
 * timestamp exactly.
 */
const dir = mkdtempSync(join(tmpdir(), 'wb-pcapng-'));
let fileNo = 0;
const CHECKS = [
  '-o',
  'ip.check_checksum:TRUE',
  '-o',
  'tcp.check_checksum:TRUE',
  '-o',
  'udp.check_checksum:TRUE',
];

/** Writes the export to a file, which tshark must read without one expert complaint. */
function save(input: PcapInput): string {
  const file = join(dir, `export-${fileNo++}.pcapng`);
  writeFileSync(file, writePcapng(input));
  expectNoExpertComplaints(file);
  return file;
}

function tshark(file: string, ...args: string[]): string {
  return execFileSync('tshark', ['-r', file, ...CHECKS, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function fields(file: string, ...names: string[]): string[][] {
  const out = tshark(file, '-T', 'fields', ...names.flatMap((n) => ['-e', n]));
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

/** `-z expert` lists findings under "Errors", "Warns", "Notes", "Chats": only the last two are fine. */
function expectNoExpertComplaints(file: string) {
  const expert = tshark(file, '-q', '-z', 'expert');
  expect(expert).not.toMatch(/^(Errors|Warns|Warnings) \(/m);
  expect(expert).not.toMatch(/checksum/i);
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const epoch = (us: number) => `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}000`;
const T0 = 1_700_000_000_123_456;
let seq = 0;
const chunk = (dir: 'rx' | 'tx', time: number, data: Uint8Array | string): Chunk => ({
  seq: seq++,
  endpointId: 'ep1',
  peerId: 'peer1',
  dir,
  time,
  data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
});
type Conversation = PcapInput['conversations'][number];
/** A conversation between `local` and `remote` (address, port) with these chunks; still open unless `more` says. */
const conversation = (
  local: readonly [string, number],
  remote: readonly [string, number],
  chunks: Chunk[],
  more: Partial<Conversation> = {},
): Conversation => ({
  local: { address: local[0], port: local[1] },
  remote: { address: remote[0], port: remote[1] },
  chunks,
  closed: false,
  ...more,
});
const big = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 31 + 7) & 0xff);

// tshark alone can take tens of seconds to start on a loaded machine.
describe('pcapng export read by tshark', { timeout: 120_000 }, () => {
  it('TCP over IPv4: handshake, data, FIN; payloads, timestamps and stream follow match', () => {
    const chunks = [
      chunk('tx', T0, 'AT+GMR\r\n'),
      chunk('rx', T0 + 1_500, 'OK\r\n'),
      chunk('rx', T0 + 2_000, new Uint8Array(0)),
      chunk('tx', T0 + 1_000_001, big),
      chunk('rx', T0 + 2_000_000, Uint8Array.of(0, 1, 2, 0xff)),
    ];
    const file = save({
      transport: 'tcp',
      conversations: [
        conversation(['127.0.0.1', 40001], ['10.0.0.5', 43502], chunks, { closed: true }),
      ],
    });

    const rows = fields(
      file,
      'frame.time_epoch',
      'tcp.flags.str',
      'tcp.payload',
      'ip.checksum.status',
      'tcp.checksum.status',
      'ip.src',
      'tcp.srcport',
    );
    // SYN, SYN/ACK, ACK; 2 + 3 (the big chunk is split) + 1 data segments; FIN, FIN, ACK.
    expect(rows.length).toBe(3 + 6 + 3);
    expect(rows.map((r) => r[3])).toEqual(rows.map(() => '1'));
    expect(rows.map((r) => r[4])).toEqual(rows.map(() => '1'));
    expect(rows.slice(0, 3).map((r) => [r[5], r[6]])).toEqual([
      ['127.0.0.1', '40001'],
      ['10.0.0.5', '43502'],
      ['127.0.0.1', '40001'],
    ]);
    const data = rows.filter((r) => r[2] !== '');
    const expected = [
      [T0, chunks[0]!.data],
      [T0 + 1_500, chunks[1]!.data],
      [T0 + 1_000_001, big.subarray(0, MAX_SEGMENT)],
      [T0 + 1_000_001, big.subarray(MAX_SEGMENT, 2 * MAX_SEGMENT)],
      [T0 + 1_000_001, big.subarray(2 * MAX_SEGMENT)],
      [T0 + 2_000_000, chunks[4]!.data],
    ] as const;
    expect(data.map((r) => [r[0], r[2]])).toEqual(expected.map(([t, d]) => [epoch(t), hex(d)]));
    expect(rows[0]![0]).toBe(epoch(T0));
    expect(rows[11]![0]).toBe(epoch(T0 + 2_000_000));

    // Follow TCP Stream: each direction's bytes, in order, exactly.
    const follow = tshark(file, '-q', '-z', 'follow,tcp,raw,0');
    expect(follow).toContain('Node 0: 127.0.0.1:40001');
    expect(follow).toContain('Node 1: 10.0.0.5:43502');
    const lines = follow.split('\n').filter((l) => /^\t?[0-9a-f]+$/.test(l));
    const tx = lines.filter((l) => !l.startsWith('\t')).join('');
    const rx = lines
      .filter((l) => l.startsWith('\t'))
      .map((l) => l.slice(1))
      .join('');
    expect(tx).toBe(hex(chunks[0]!.data) + hex(big));
    expect(rx).toBe(hex(chunks[1]!.data) + hex(chunks[4]!.data));
  });

  it('TCP over IPv6, opened and closed by the remote side, with sequence numbers that advance', () => {
    const chunks = [
      chunk('rx', T0 + 10, 'hello'),
      chunk('tx', T0 + 20, 'hi'),
      chunk('rx', T0 + 30, '!'),
    ];
    const file = save({
      transport: 'tcp',
      conversations: [
        conversation(['::1', 9000], ['fe80::1%eth0', 51000], chunks, {
          closed: true,
          initiator: 'remote',
          closedBy: 'remote',
          openedAt: T0,
          closedAt: T0 + 40,
        }),
      ],
    });
    const rows = fields(
      file,
      'frame.time_epoch',
      'ipv6.src',
      'tcp.flags.str',
      'tcp.seq',
      'tcp.ack',
      'tcp.len',
    );
    expect(rows.map((r) => [r[1], r[2]!.replace(/·/g, ''), r[3], r[4], r[5]])).toEqual([
      ['fe80::1', 'S', '0', '0', '0'],
      ['::1', 'AS', '0', '1', '0'],
      ['fe80::1', 'A', '1', '1', '0'],
      ['fe80::1', 'AP', '1', '1', '5'],
      ['::1', 'AP', '1', '6', '2'],
      ['fe80::1', 'AP', '6', '3', '1'],
      ['fe80::1', 'AF', '7', '3', '0'],
      ['::1', 'AF', '3', '8', '0'],
      ['fe80::1', 'A', '8', '4', '0'],
    ]);
    expect(rows[0]![0]).toBe(epoch(T0));
    expect(rows.at(-1)![0]).toBe(epoch(T0 + 40));
  });

  it('UDP over IPv4 and IPv6: one datagram per chunk with correct checksums', () => {
    for (const [local, remote] of [
      ['127.0.0.1', '192.168.1.20'],
      ['::1', '2001:db8::7'],
      ['::ffff:127.0.0.1', '127.0.0.1'],
    ] as const) {
      const chunks = [
        chunk('tx', T0, 'ping'),
        chunk('rx', T0 + 5, Uint8Array.of(0, 0, 0xff)),
        chunk('rx', T0 + 9, 'x'),
      ];
      const file = save({
        transport: 'udp',
        // Ports no heuristic dissector claims, so tshark judges our framing, not a guess at "ping".
        conversations: [conversation([local, 43210], [remote, 43211], chunks, { closed: true })],
      });
      const rows = fields(
        file,
        'frame.time_epoch',
        'udp.payload',
        'udp.checksum.status',
        'udp.srcport',
      );
      expect(rows).toEqual(
        chunks.map((c) => [epoch(c.time), hex(c.data), '1', c.dir === 'tx' ? '43210' : '43211']),
      );
    }
  });

  it('interleaves several conversations by time as separate streams', () => {
    const a = [chunk('tx', T0, 'a1'), chunk('tx', T0 + 200, 'a2')];
    const b = [chunk('rx', T0 + 100, 'b1')];
    const file = save({
      transport: 'tcp',
      conversations: [
        conversation(['127.0.0.1', 1], ['127.0.0.1', 2], a),
        conversation(['127.0.0.1', 3], ['127.0.0.1', 4], b, { initiator: 'remote' }),
      ],
    });
    const rows = fields(file, 'tcp.stream', 'tcp.payload').filter((r) => r[1] !== '');
    expect(rows).toEqual([
      ['0', hex(a[0]!.data)],
      ['1', hex(b[0]!.data)],
      ['0', hex(a[1]!.data)],
    ]);
  });

  it('streams the same bytes in blocks, starting with a section header', () => {
    const input: PcapInput = {
      transport: 'udp',
      conversations: [conversation(['127.0.0.1', 1], ['127.0.0.1', 2], [chunk('tx', T0, 'x')])],
    };
    const blocks = [...pcapngBlocks(input)];
    expect(blocks.length).toBe(3);
    expect(Buffer.concat(blocks)).toEqual(Buffer.from(writePcapng(input)));
    expect(hex(blocks[0]!.subarray(0, 4))).toBe('0a0d0d0a');
  });

  it('refuses host names with a sentence', () => {
    expect(() => parseIp('localhost')).toThrow(
      '"localhost" is not an IPv4 or IPv6 address; a pcapng export needs numeric addresses',
    );
    expect(Array.from(parseIp('::ffff:1.2.3.4'))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
    ]);
    expect(Array.from(parseIp('1:2:3:4:5:6:7:8'))).toEqual([
      0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8,
    ]);
    expect(Array.from(parseIp('::'))).toEqual(new Array(16).fill(0));
    for (const bad of [
      '1.2.3.256',
      '1::2::3',
      '1:2:3:4:5:6:7',
      '12345::',
      '::1.2.3',
      '1:2:3:4:5:6:7:8:9',
    ]) {
      expect(() => parseIp(bad), bad).toThrow(/is not an IPv4 or IPv6 address/);
    }
    expect(Array.from(parseIp('[2001:db8::1]'))).toEqual([
      0x20,
      1,
      0xd,
      0xb8,
      ...new Array(11).fill(0),
      1,
    ]);
  });
});
