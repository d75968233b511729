import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonlLines, runCli, spawnCli } from '../helpers/cli';
import { useScratch } from '../helpers/scratch';
import { eventually, fullBacklogListener, echoListener, ncatListener } from '../helpers/peers';
import { sha256 } from '../helpers/sha256';
import { startTcpSink } from '../helpers/tcp-sink';
import { MAX_SOURCE_CHARS } from '../../src/shared/payload/payload-spec';
import { spawnSServer, usePki } from '../helpers/tls-pki';
import { followTcp } from '../helpers/tshark';

/**
 * `wirebench connect` is interactive: each stdin line is sent (in the
 * editor's syntax), what the peer sends is shown; its input ending sends
 * FIN, and the peer closing ends it. Against ncat and openssl s_server.
 */
const { dir, track, later } = useScratch('cli-connect');

/** Whether `stream` drained within `ms` (false: its reader is holding it back). */
function drainedWithin(stream: Writable, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stream.off('drain', onDrain);
      resolve(false);
    }, ms);
    const onDrain = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    stream.once('drain', onDrain);
  });
}
const pki = usePki();

describe('wirebench connect tcp', () => {
  it('sends each stdin line as it is typed and shows what ncat sends back; stdin ending sends FIN and ncat closing ends it', async () => {
    const { peer: ncat, port } = await ncatListener();
    track(ncat);
    const cli = track(spawnCli(['connect', 'tcp', `127.0.0.1:${port}`, '--jsonl']));
    await cli.said(/Connected to 127\.0\.0\.1/);
    cli.write(Buffer.from('hello\n'));
    expect((await ncat.waitForBytes(6)).toString()).toBe('hello\n');
    cli.write(Buffer.from('bytes \\x00\\x01 too\r\n'));
    expect((await ncat.waitForBytes(19)).toString('hex')).toBe(
      Buffer.from('hello\nbytes \x00\x01 too\n').toString('hex'),
    );
    ncat.write(Buffer.from('world\n'));
    await eventually(
      () => jsonlLines(cli.stdout()).some((l) => l.direction === 'rx'),
      'the reply on stdout',
    );

    cli.child.stdin?.end();
    await cli.said(/Input ended: sent FIN/);
    // ncat sees our FIN; closing its side ends the connection and the command.
    ncat.child.stdin?.end();
    expect(await cli.done()).toBe(0);
    const lines = jsonlLines(cli.stdout());
    expect(lines.map((l) => [l.direction, Buffer.from(l.hex, 'hex').toString()])).toEqual([
      ['tx', 'hello\n'],
      ['tx', 'bytes \x00\x01 too\n'],
      ['rx', 'world\n'],
    ]);
    expect(cli.stderr()).toContain(
      'Summary: received 6 bytes in 1 chunk, sent 19 bytes in 2 chunks',
    );
  });

  it('--send-as hex with a checksum: each line a frame; a bad line is said and not sent', async () => {
    const { peer: ncat, port } = await ncatListener();
    track(ncat);
    const r = await runCli(
      [
        'connect',
        'tcp',
        `127.0.0.1:${port}`,
        '--send-as',
        'hex',
        '--checksum',
        'crc16-modbus',
        '--quiet',
      ],
      '01 03 00 00 00 0A\n01 0Z\n11 03 00 6B 00 03\n',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Not sent: Bad hex at column 5: 'Z' is not a hex digit");
    await eventually(() => ncat.stdout().length >= 16, 'both frames at ncat');
    expect(ncat.stdout().toString('hex')).toBe('01030000000ac5cd' + '1103006b00037687');
  });

  it('a line longer than the editor holds is said and skipped, never held whole; the next line is sent', async () => {
    const { peer: ncat, port } = await ncatListener();
    track(ncat);
    const r = await runCli(
      ['connect', 'tcp', `127.0.0.1:${port}`, '--quiet'],
      'x'.repeat(MAX_SOURCE_CHARS + 1) + '\nafter\n',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `Not sent: line 1 is longer than ${MAX_SOURCE_CHARS} bytes (the most the editor holds); it was skipped`,
    );
    await eventually(() => ncat.stdout().toString() === 'after\n', 'the next line at ncat');
  });

  it('reads stdin no faster than the peer takes it (a peer that reads nothing holds it back); Ctrl+C then ends at once', async () => {
    const sink = await startTcpSink({ paused: true });
    later(() => sink.close());
    const cli = track(spawnCli(['connect', 'tcp', `127.0.0.1:${sink.port}`, '--quiet']));
    await cli.said(/Connected to/);
    const stdin = cli.child.stdin!;
    stdin.on('error', () => undefined); // what is still queued when it exits goes nowhere
    const block = Buffer.from(`${'a'.repeat(1023)}\n`.repeat(1024)); // 1 MiB of lines
    let written = 0;
    let heldBack = false;
    // Bounded: 64 MiB at most, far more than the kernel's buffers on both sides take.
    while (!heldBack && written < 64) {
      written++;
      if (stdin.write(block)) continue;
      heldBack = !(await drainedWithin(stdin, 2000));
    }
    expect(heldBack).toBe(true);
    expect(await cli.interrupt()).toBe(0);
    expect(cli.stderr()).toMatch(/Summary: received 0 bytes in 0 chunks, sent \d+ bytes/);
    expect(cli.stderr()).not.toContain('Not sent');
  });

  it('--capture writes both directions as a pcapng that tshark follows byte-exact', async () => {
    const echo = await echoListener();
    track(echo.peer);
    const pcap = path.join(dir, 'connect.pcapng');
    const input =
      Array.from({ length: 200 }, (_, i) => `line ${i} \\x00\\xff ${'x'.repeat(i)}`).join('\n') +
      '\n';
    const r = await runCli(
      ['connect', 'tcp', `127.0.0.1:${echo.port}`, '--capture', pcap, '--quiet'],
      input,
    );
    expect(r.code).toBe(0);
    const sent = Buffer.from(input.replace(/\\x00\\xff/g, '\u0000\u00ff'), 'latin1');
    const stream = followTcp(pcap);
    expect(stream.node0).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(stream.node1).toBe(`127.0.0.1:${echo.port}`);
    expect(sha256(stream.fromNode0)).toBe(sha256(sent));
    expect(sha256(stream.fromNode1)).toBe(sha256(sent));
    expect(r.stderr).toContain(`(${2 * sent.length} bytes of payload) in ${pcap}`);
  });

  it('Ctrl+C while a dial hangs (the listener’s queue is full, so its SYN is dropped) ends at once: exit code 130', async () => {
    // A Python listener that never accepts, its queue (backlog 0) filled first.
    const { peer: full, port } = await fullBacklogListener();
    track(full);
    const cli = track(spawnCli(['connect', 'tcp', `127.0.0.1:${port}`, '--timeout', '60000']));
    // Its own dial, as ss -p names the process.
    await eventually(
      () =>
        execFileSync('ss', ['-tnpH', 'state', 'syn-sent', 'dst', `127.0.0.1:${port}`], {
          encoding: 'utf8',
        }).includes(`pid=${cli.child.pid},`),
      'the command line dialling, waiting for an answer to its SYN',
    );
    expect(await cli.interrupt()).toBe(130);
    expect(cli.stderr()).toBe('Interrupted\n');
  });

  it('says the connection was refused, exit code 1', async () => {
    const { peer, port } = await ncatListener();
    peer.kill();
    await peer.exited();
    const r = await runCli(['connect', 'tcp', `127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `wirebench: Connection to 127.0.0.1:${port} was refused: nothing is listening there\n`,
    );
  });
});

describe('wirebench connect --tls', () => {
  it('checks openssl s_server’s certificate against --ca, then talks both ways', async () => {
    const server = await spawnSServer(pki.file('server.pem'), pki.file('server.key'), ['-quiet']);
    track(server.peer);
    const cli = track(
      spawnCli([
        'connect',
        'tcp',
        `localhost:${server.port}`,
        '--tls',
        '--ca',
        pki.file('ca.pem'),
        '--raw',
      ]),
    );
    await cli.said(/Connected to localhost:\d+ with TLS/);
    cli.write(Buffer.from('over tls\n'));
    expect((await server.peer.waitForBytes(9)).toString()).toBe('over tls\n');
    server.peer.write(Buffer.from('back\n'));
    await eventually(() => cli.stdout().toString() === 'back\n', 'the reply on stdout');
    expect(await cli.interrupt()).toBe(0);
    expect(cli.stderr()).toContain('Summary: received 5 bytes in 1 chunk, sent 9 bytes in 1 chunk');
  });

  it('refuses a certificate it cannot check, with the engine’s sentence; --insecure connects and says so', async () => {
    const server = await spawnSServer(pki.file('server.pem'), pki.file('server.key'), ['-quiet']);
    track(server.peer);
    const refused = await runCli(['connect', 'tcp', `127.0.0.1:${server.port}`, '--tls']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^wirebench: .*certificate/);

    const cli = track(
      spawnCli(['connect', 'tcp', `127.0.0.1:${server.port}`, '--tls', '--insecure', '--quiet']),
    );
    await cli.said(/certificate NOT verified/);
    expect(await cli.interrupt()).toBe(0);
  });
});
