import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundPort, jsonlBytes, jsonlLines, runCli, spawnCli } from '../helpers/cli';
import { heldBytes, listeningRow } from '../helpers/kernel-sockets';
import { useScratch } from '../helpers/scratch';
import { eventually, spawnPeer } from '../helpers/peers';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { followTcp } from '../helpers/tshark';
import { frame, pythonSender, socatReady, spawnSocat } from '../helpers/udp-peers';

/**
 * `wirebench listen` as a child process, fed by socat, ncat and Python:
 * what it prints is exactly what they sent, Ctrl+C leaves no socket and
 * says what moved, and --capture writes what tshark reads back byte-exact.
 */
const { dir, track } = useScratch('cli-listen');

/** `length` random bytes (from `seed`) in a file of the scratch folder, for socat to send. */
function payloadFile(name: string, length: number, seed: number) {
  const payload = randomBytes(length, seed);
  const file = path.join(dir, name);
  writeFileSync(file, payload);
  return { payload, file };
}

/** `wirebench listen tcp 127.0.0.1:0` with `options`, and the port it said it bound. */
async function listenTcp(options: string[]) {
  const cli = track(spawnCli(['listen', 'tcp', '127.0.0.1:0', ...options]));
  return { cli, port: await boundPort(cli) };
}

/** socat sending a file to `port`, then leaving. */
const socatSends = (file: string, port: number) =>
  track(spawnPeer('socat', ['-u', `FILE:${file}`, `TCP:127.0.0.1:${port}`]));

/** ncat sending `data` to `port`, then leaving. */
function ncatSends(port: number, data: string | Buffer) {
  const ncat = track(spawnPeer('ncat', ['--send-only', '127.0.0.1', String(port)]));
  ncat.child.stdin?.end(data);
  return ncat;
}

describe('wirebench listen tcp', () => {
  it('prints exactly the bytes socat sent (4 MiB, by sha256, through --jsonl); Ctrl+C leaves no socket and sums up', async () => {
    const { payload, file } = payloadFile('payload.bin', 4 * 1024 * 1024, 0x5eed);
    const { cli, port } = await listenTcp(['--jsonl']);
    expect(listeningRow(port)).not.toBe('');
    const socat = socatSends(file, port);
    expect(await socat.exited()).toBe(0);
    await cli.said(/disconnected/);

    expect(await cli.interrupt()).toBe(0);
    const lines = jsonlLines(cli.stdout());
    const received = jsonlBytes(lines, 'rx');
    expect(received.length).toBe(payload.length);
    expect(sha256(received)).toBe(sha256(payload));
    const peer = lines[0]!.peer;
    expect(peer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(lines.every((l) => l.peer === peer && l.length === l.hex.length / 2)).toBe(true);
    expect(lines.every((l, i) => i === 0 || l.time_us >= lines[i - 1]!.time_us)).toBe(true);
    expect(cli.stderr()).toMatch(
      new RegExp(
        `Summary: received ${payload.length} bytes in ${lines.length} chunks, sent 0 bytes in 0 chunks \\(1 peer\\)`,
      ),
    );
    expect(listeningRow(port)).toBe('');
  });

  it('--raw writes the received bytes exactly, even as the capture log reuses its slabs (8 MiB through a 1 MiB log)', async () => {
    const { payload, file } = payloadFile('raw-payload.bin', 8 * 1024 * 1024, 0xbee);
    const { cli, port } = await listenTcp(['--raw', '--once', '--log-budget-mib', '1']);
    const socat = socatSends(file, port);
    expect(await socat.exited()).toBe(0);
    expect(await cli.done()).toBe(0);
    expect(cli.stdout().length).toBe(payload.length);
    expect(sha256(cli.stdout())).toBe(sha256(payload));
  });

  it('a reader of stdout that stalls holds the sender back (TCP flow control), and then gets every byte exactly', async () => {
    const { payload, file } = payloadFile('stalled-payload.bin', 16 * 1024 * 1024, 0x510);
    const { cli, port } = await listenTcp(['--raw', '--once', '--log-budget-mib', '1']);
    cli.child.stdout?.pause();
    const socat = socatSends(file, port);
    let socatDone = false;
    void socat.exited().then(() => (socatDone = true));
    // Held back: the kernel keeps bytes wirebench does not read. Not held back: socat is done.
    await eventually(
      () => socatDone || heldBytes(port) > 1024 * 1024,
      'socat to finish or to be held back',
      20_000,
    );
    expect(socatDone).toBe(false);
    cli.child.stdout?.resume();
    expect(await socat.exited()).toBe(0);
    expect(await cli.done()).toBe(0);
    expect(cli.stderr()).not.toContain('not printed');
    expect(cli.stdout().length).toBe(payload.length);
    expect(sha256(cli.stdout())).toBe(sha256(payload));
  });

  it('shows hexdump lines by default: a header with time, direction and peer, then hexdump -C', async () => {
    const { cli, port } = await listenTcp([]);
    ncatSends(port, Buffer.from('hello\x00\x01world'));
    await cli.said(/disconnected/);
    expect(await cli.interrupt()).toBe(0);
    const text = cli.stdout().toString();
    expect(text).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} {2}RX {2}127\.0\.0\.1:\d+ {2}12 bytes\n00000000 {2}68 65 6c 6c 6f 00 01 77 {2}6f 72 6c 64 {14}\|hello\.\.world\|\n0000000c\n/,
    );
  });

  it('cuts messages with --framing line, each one JSON line', async () => {
    const { cli, port } = await listenTcp(['--framing', 'line', '--jsonl']);
    const socat = track(spawnSocat(['-u', '-', `TCP:127.0.0.1:${port}`]));
    await socatReady(socat);
    socat.write(Buffer.from('first\nsec'));
    await eventually(() => cli.stdout().length > 0, 'the first line');
    socat.write(Buffer.from('ond\r\nthird'));
    socat.child.stdin?.end();
    await cli.said(/disconnected/);
    expect(await cli.interrupt()).toBe(0);
    const texts = jsonlLines(cli.stdout()).map((l) => Buffer.from(l.hex, 'hex').toString());
    expect(texts).toEqual(['first\n', 'second\r\n']);
    expect(cli.stderr()).toContain('5 bytes received at the end did not complete a message');
  });

  it('--capture writes a pcapng that tshark follows byte-exact', async () => {
    const { payload, file } = payloadFile('capture-payload.bin', 300_000, 0xcafe);
    const pcap = path.join(dir, 'listen.pcapng');
    const { cli, port } = await listenTcp(['--quiet', '--capture', pcap]);
    const socat = socatSends(file, port);
    expect(await socat.exited()).toBe(0);
    await cli.said(/disconnected/);
    expect(await cli.interrupt()).toBe(0);
    expect(cli.stdout().length).toBe(0);
    expect(cli.stderr()).toMatch(
      new RegExp(`Capture: \\d+ chunks \\(${payload.length} bytes of payload\\) in ${pcap}`),
    );
    const stream = followTcp(pcap);
    expect(stream.node0).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sha256(stream.fromNode0)).toBe(sha256(payload));
    expect(stream.fromNode1.length).toBe(0);
  });

  it('--once ends when the first peer is gone, with the summary', async () => {
    const { cli, port } = await listenTcp(['--once', '--raw']);
    ncatSends(port, 'bye');
    expect(await cli.done()).toBe(0);
    expect(cli.stdout().toString()).toBe('bye');
    expect(cli.stderr()).toContain('Summary: received 3 bytes in 1 chunk');
    expect(listeningRow(port)).toBe('');
  });

  it('ends cleanly when the reader of stdout goes away (| head), at its next write', async () => {
    const { cli, port } = await listenTcp(['--raw']);
    cli.child.stdout?.destroy();
    ncatSends(port, 'nobody reads this');
    expect(await cli.done()).toBe(0);
    expect(cli.stderr()).toContain('Summary: received 17 bytes in 1 chunk');
    expect(listeningRow(port)).toBe('');
  });

  it('says the port is in use, with exit code 1', async () => {
    const { port } = await listenTcp(['--quiet']);
    const second = await runCli(['listen', 'tcp', `127.0.0.1:${port}`]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`wirebench: Port ${port} on 127.0.0.1 is already in use\n`);
    expect(second.stdout.length).toBe(0);
  });
});

describe('wirebench listen udp', () => {
  it('prints every datagram Python sent, each exactly, as one JSON line', async () => {
    const cli = track(spawnCli(['listen', 'udp', '127.0.0.1:0', '--jsonl']));
    const port = await boundPort(cli);
    const datagrams = [
      Buffer.from([0]),
      randomBytes(1472, 7),
      Buffer.from('text\r\n'),
      randomBytes(65_507, 8),
    ];
    const py = track(pythonSender('127.0.0.1', port));
    for (const d of datagrams) py.write(frame(d));
    await eventually(() => jsonlLines(cli.stdout()).length === datagrams.length, 'every datagram');
    expect(await cli.interrupt()).toBe(0);
    const lines = jsonlLines(cli.stdout());
    expect(lines.map((l) => l.hex)).toEqual(datagrams.map((d) => d.toString('hex')));
    expect(cli.stderr()).toContain(
      `Summary: received ${datagrams.reduce((n, d) => n + d.length, 0)} bytes in 4 chunks`,
    );
  });

  it('joins a multicast group on lo and shows what socat sends to it', async () => {
    const group = `239.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 250)}.7`;
    const cli = track(
      spawnCli(['listen', 'udp', '0.0.0.0:0', '--multicast', group, '--interface', 'lo', '--raw']),
    );
    const port = await boundPort(cli);
    await cli.said(new RegExp(`Joined ${group.replace(/\./g, '\\.')} on lo`));
    const socat = track(
      spawnSocat([
        '-u',
        '-',
        `UDP4-DATAGRAM:${group}:${port},ip-multicast-if=127.0.0.1,ip-multicast-loop=1`,
      ]),
    );
    await socatReady(socat);
    socat.write(Buffer.from('to the group'));
    await eventually(() => cli.stdout().toString() === 'to the group', 'the datagram');
    expect(await cli.interrupt()).toBe(0);
  });
});

describe('wirebench listen: usage', () => {
  it.each([
    [['listen'], 'wirebench listen: Missing the protocol (tcp or udp)'],
    [
      ['listen', 'sctp', '127.0.0.1:1'],
      "wirebench listen: 'listen' works over tcp or udp, not 'sctp'",
    ],
    [['listen', 'tcp', '9000'], "wirebench listen: '9000' is not HOST:PORT"],
    [
      ['listen', 'tcp', '127.0.0.1:0', '--framing', 'lines'],
      "wirebench listen: --framing 'lines' is not a framing",
    ],
    [['listen', 'tcp', '127.0.0.1:0', '--bogus'], 'wirebench listen: Unknown option --bogus'],
    [
      ['listen', 'tcp', '127.0.0.1:0', '--jsonl', '--raw'],
      'wirebench listen: --jsonl and --raw cannot be used together',
    ],
    [
      ['listen', 'tcp', '127.0.0.1:0', '--multicast', '239.1.1.1'],
      'wirebench listen: --multicast is only for UDP',
    ],
    [['nope'], "wirebench: 'nope' is not a wirebench command"],
  ])(
    '%j is a mistake in the command: exit code 2, the sentence, and where help is',
    async (args, sentence) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(sentence)).toBe(true);
      expect(r.stderr).toMatch(/Run 'wirebench( listen)? --help' for how to use it\.\n$/);
      expect(r.stdout.length).toBe(0);
    },
  );

  it.each(['listen', 'connect', 'send', 'run', 'relay', 'serve'])(
    'wirebench %s --help explains its options with examples, on stdout, exit code 0',
    async (command) => {
      const r = await runCli([command, '--help']);
      expect(r.code).toBe(0);
      const help = r.stdout.toString();
      expect(help.startsWith(`wirebench ${command} `)).toBe(true);
      expect(help).toMatch(new RegExp(`Examples:\\n {2}wirebench ${command} `));
      if (command !== 'serve')
        for (const word of ['--jsonl', '--framing', '--capture']) expect(help).toContain(word);
      expect(r.stderr).toBe('');
    },
  );

  it('wirebench --help lists the commands; no command at all is a mistake', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['listen', 'connect', 'send', 'run', 'relay', 'serve'])
      expect(help.stdout.toString()).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'wirebench: Name a command: listen, connect, send, run, relay and serve',
    );
  });
});
