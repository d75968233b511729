import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumBytes } from '../../src/shared/payload/checksums/catalogue';
import { boundPort, runCli, spawnCli } from '../helpers/cli';
import { useScratch } from '../helpers/scratch';
import { spawnPeer } from '../helpers/peers';
import { socatReady, spawnSocat } from '../helpers/udp-peers';

/**
 * A saved workspace's auto-reply rules and periodic send, run headless by
 * `wirebench listen … --workspace FILE --rules NAME`: a device simulator in
 * one command, answering socat and ncat.
 */
const { dir, track } = useScratch('cli-auto');

const WORKSPACE = {
  version: 1,
  tabs: ['ignored: a workspace holds more than automation'],
  rules: {
    plc: [
      {
        id: 'read',
        name: 'Modbus read',
        matchAs: 'hex',
        match: '01 03 ?? ?? ?? ?? ?? ??',
        reply: {
          mode: 'hex',
          source: '01 03 04 00 2A 00 2B',
          checksum: { id: 'crc16-modbus', order: 'le' },
        },
      },
      {
        id: 'ping',
        name: 'Ping',
        matchAs: 'regex',
        match: 'PING (\\d+)',
        reply: { mode: 'text', source: 'PONG {{$1}}\\n' },
      },
    ],
  },
  periodic: {
    heartbeat: { payload: { mode: 'text', source: 'HB {{counter}}\\n' }, intervalMs: 20, count: 3 },
  },
};

function workspace(name: string, doc: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('wirebench listen --workspace FILE --rules NAME', () => {
  it('answers a Modbus read with a CRC-correct reply and a regex ping with its capture', async () => {
    const file = workspace('plc.json', WORKSPACE);
    const cli = track(
      spawnCli(['listen', 'tcp', '127.0.0.1:0', '--workspace', file, '--rules', 'plc', '--quiet']),
    );
    const port = await boundPort(cli);
    const socat = track(spawnSocat(['-', `TCP:127.0.0.1:${port}`]));
    await socatReady(socat);
    socat.write(Buffer.from('01030000000ac5cd', 'hex'));
    const body = Buffer.from('010304002a002b', 'hex');
    const expected = Buffer.concat([body, checksumBytes('crc16-modbus', body)]);
    expect((await socat.waitForBytes(expected.length)).toString('hex')).toBe(
      expected.toString('hex'),
    );
    socat.write(Buffer.from('PING 42'));
    expect(
      (await socat.waitForBytes(expected.length + 8)).subarray(expected.length).toString(),
    ).toBe('PONG 42\n');
    await cli.said(/Ping replied to 127\.0\.0\.1:\d+/);
    expect(cli.stderr()).toMatch(/Modbus read replied to 127\.0\.0\.1:\d+/);
    expect(await cli.interrupt()).toBe(0);
  });

  it('--periodic sends to each peer as it connects, recomposed every time', async () => {
    const file = workspace('hb.json', WORKSPACE);
    const cli = track(
      spawnCli([
        'listen',
        'tcp',
        '127.0.0.1:0',
        '--workspace',
        file,
        '--periodic',
        'heartbeat',
        '--quiet',
      ]),
    );
    const port = await boundPort(cli);
    const ncat = track(spawnPeer('ncat', ['--recv-only', '127.0.0.1', String(port)]));
    expect((await ncat.waitForBytes(15)).toString()).toBe('HB 0\nHB 1\nHB 2\n');
    await cli.said(/Periodic send heartbeat to 127\.0\.0\.1:\d+ is done: 3 sent/);
    expect(await cli.interrupt()).toBe(0);
  });

  it.each([
    [
      {
        version: 1,
        rules: { plc: [{ id: 'r', matchAs: 'sometimes', reply: { mode: 'text', source: '' } }] },
      },
      ['--rules', 'plc'],
      /is not a workspace Wirebench can read \(rules\.plc\.0\.matchAs: /,
    ],
    [
      { version: 9 },
      ['--rules', 'plc'],
      /\(it is version 9, made by a newer Wirebench; this one reads up to version 2\)/,
    ],
    // The app's own document (Save workspace…): its tabs are the window's, its named rules are ours.
    [
      {
        version: 2,
        tabs: [{ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 502 } }],
        rules: { plc: [] },
      },
      ['--rules', 'hmi'],
      /has no rules named 'hmi'; it has 'plc'/,
    ],
    [WORKSPACE, ['--rules', 'hmi'], /has no rules named 'hmi'; it has 'plc'/],
    [WORKSPACE, ['--periodic', 'nope'], /has no periodic send named 'nope'; it has 'heartbeat'/],
  ])(
    'a workspace it cannot use changes nothing: exit code 2 with why (%#)',
    async (doc, args, sentence) => {
      const file = workspace('bad.json', doc);
      const r = await runCli(['listen', 'tcp', '127.0.0.1:0', '--workspace', file, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(sentence);
      expect(r.stderr).not.toContain('Listening');
    },
  );
});
