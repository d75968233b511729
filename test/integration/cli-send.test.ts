import { describe, expect, it } from 'vitest';
import { jsonlLines, runCli } from '../helpers/cli';
import { freePort, echoListener, spawnListener, type PeerProcess } from '../helpers/peers';
import { useScratch } from '../helpers/scratch';
import { parseFrames, pythonReceiver } from '../helpers/udp-peers';

/**
 * `wirebench send` as a child process: the bytes a socat, ncat or Python
 * receiver gets are exactly what the app's composer makes (checksum, line
 * ending, encoding, placeholders), and the exit code says how it went.
 */
const { track } = useScratch('cli-send');

/** socat receiving one TCP connection on a free port, everything it gets on its stdout. */
async function socatSink(): Promise<{ peer: PeerProcess; port: number }> {
  const sink = await spawnListener('socat', (port) => [
    '-u',
    `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr`,
    'STDOUT',
  ]);
  track(sink.peer);
  return sink;
}

/** `wirebench send PROTOCOL 127.0.0.1:PORT ...args`, run to its end. */
function send(protocol: 'tcp' | 'udp', port: number, ...args: string[]): ReturnType<typeof runCli> {
  return runCli(['send', protocol, `127.0.0.1:${port}`, ...args]);
}

describe('wirebench send tcp', () => {
  // What socat receives is exactly what the app's composer makes, as the summary counts it
  // and stdout shows it.
  for (const { does, args, wire, summary, shown } of [
    {
      does: 'puts 01 03 00 00 00 0A C5 CD on the wire for a Modbus read with --checksum crc16-modbus',
      args: ['--hex', '01 03 00 00 00 0A', '--checksum', 'crc16-modbus'],
      wire: Buffer.from('01030000000ac5cd', 'hex'),
      summary: 'Summary: received 0 bytes in 0 chunks, sent 8 bytes in 1 chunk',
      shown: / {2}TX {2}127\.0\.0\.1:\d+ {2}8 bytes\n00000000 {2}01 03 00 00 00 0a c5 cd /,
    },
    {
      does: 'encodes --text in GBK and appends CRLF',
      args: ['--text', '你好 {{counter}}', '--encoding', 'gbk', '--line-ending', 'crlf'],
      wire: Buffer.from('c4e3bac320300d0a', 'hex'),
      summary: 'sent 8 bytes in 1 chunk',
      shown: /c4 e3 ba c3 20 30 0d 0a/,
    },
    {
      does: '--repeat sends N times on the interval, the counter recomposed each time',
      args: ['--text', 'PING {{counter}}\\n', '--repeat', '5', '--interval', '20'],
      wire: Buffer.from('PING 0\nPING 1\nPING 2\nPING 3\nPING 4\n'),
      summary: 'sent 35 bytes in 5 chunks',
      shown: /50 49 4e 47 20 34 0a/,
    },
  ]) {
    it(does, async () => {
      const sink = await socatSink();
      const r = await send('tcp', sink.port, ...args);
      expect(r.code).toBe(0);
      expect(await sink.peer.exited()).toBe(0);
      expect(sink.peer.stdout().toString('hex')).toBe(wire.toString('hex'));
      expect(r.stderr).toContain(summary);
      // stdout shows the same bytes as hexdump -C lines.
      expect(r.stdout.toString()).toMatch(shown);
    });
  }

  it('--wait-reply shows the reply of an echo server (ncat) and exits 0', async () => {
    const echo = await echoListener();
    track(echo.peer);
    const r = await send(
      'tcp',
      echo.port,
      '--hex',
      'AA 55 00 FF',
      '--wait-reply',
      '5000',
      '--jsonl',
    );
    expect(r.code).toBe(0);
    const lines = jsonlLines(r.stdout);
    expect(lines.map((l) => [l.direction, l.hex])).toEqual([
      ['tx', 'aa5500ff'],
      ['rx', 'aa5500ff'],
    ]);
  });

  it('--wait-reply with a silent peer says no reply came, exit code 1', async () => {
    const sink = await socatSink();
    const r = await send('tcp', sink.port, '--hex', '01', '--wait-reply', '300');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wirebench: No reply came within 300 ms');
    expect(r.stderr).toContain('sent 1 byte in 1 chunk');
  });

  it('says the connection was refused, exit code 1', async () => {
    const port = await freePort();
    const r = await send('tcp', port, '--hex', '01');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `wirebench: Connection to 127.0.0.1:${port} was refused: nothing is listening there\n`,
    );
  });

  it.each([
    [['--hex', '01 0G'], "wirebench send: Bad hex at column 5: 'G' is not a hex digit"],
    [['--hex', '01 0'], 'wirebench send: Bad hex at column 4: odd number of hex digits (3)'],
    [
      ['--text', 'x', '--checksum', 'crc99'],
      'wirebench send: --checksum is one of crc8, crc16-modbus',
    ],
    [['--hex', '01', '--text', 'x'], 'wirebench send: --hex and --text cannot be used together'],
    [[], 'wirebench send: Missing the payload'],
    [['--hex', '01', '--interval', '10'], 'wirebench send: --interval needs --repeat N'],
  ])('%j is refused before anything is sent: exit code 2', async (payload, sentence) => {
    const port = await freePort();
    const r = await send('tcp', port, ...payload);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(sentence)).toBe(true);
    expect(r.stderr).not.toContain('refused');
  });
});

describe('wirebench send udp', () => {
  it('sends each repeat as one datagram to a Python receiver, and waits for no one', async () => {
    const receiver = await pythonReceiver('127.0.0.1');
    track(receiver.peer);
    const r = await send(
      'udp',
      receiver.port,
      '--hex',
      '7E {{counter}} 7E',
      '--repeat',
      '3',
      '--interval',
      '10',
    );
    expect(r.code).toBe(0);
    const frames = parseFrames(await receiver.peer.waitForBytes(3 * (4 + 3)));
    expect(frames.map((f) => f.toString('hex'))).toEqual(['7e307e', '7e317e', '7e327e']);
  });

  it("says the port is unreachable when nothing listens (connected UDP hears the system's ICMP answer)", async () => {
    const receiver = await pythonReceiver('127.0.0.1');
    receiver.peer.kill();
    await receiver.peer.exited();
    const r = await send('udp', receiver.port, '--hex', '01', '--wait-reply', '20000');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `wirebench: 127.0.0.1:${receiver.port} answered "port unreachable" (ICMP): nothing is listening there for UDP\n`,
    );
    expect(r.stderr).toContain('wirebench: No reply came: the socket reported the error above\n');
  });
});

describe('wirebench send: stdout holds only data', () => {
  it('with --quiet, nothing at all', async () => {
    const sink = await socatSink();
    const r = await send('tcp', sink.port, '--text', 'x', '-q');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('Connected to 127.0.0.1');
  });
});
