import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  boundPort,
  jsonlBytes,
  jsonlLines,
  runCli,
  spawnCli,
  type CliProcess,
} from '../helpers/cli';
import { listeningRow } from '../helpers/kernel-sockets';
import { eventually, isListening } from '../helpers/peers';
import { recordingClient, recordingServer } from '../helpers/relay-peers';
import { callServe } from '../helpers/serve-client';

/**
 * `wirebench relay` between a Node "device" and a Node "server" that record
 * every read (so a split is seen as separate reads, a latency as a late
 * one), and `wirebench serve`, the browser mode, answering over HTTP and
 * its WebSocket.
 */
const running: CliProcess[] = [];
const cleanups: Array<() => unknown> = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-cli-serve-'));
afterEach(async () => {
  running.splice(0).forEach((p) => p.kill());
  for (const c of cleanups.splice(0)) await c();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function track(cli: CliProcess): CliProcess {
  running.push(cli);
  return cli;
}

/** `wirebench relay tcp` with `options` between a recording server and a recording device. */
async function relayed(...options: string[]) {
  const server = await recordingServer();
  cleanups.push(() => server.close());
  const cli = track(
    spawnCli(['relay', 'tcp', '127.0.0.1:0', '--target', `127.0.0.1:${server.port}`, ...options]),
  );
  const device = await recordingClient(await boundPort(cli));
  cleanups.push(() => device.socket?.destroy());
  return { server, cli, device };
}

describe('wirebench relay tcp', () => {
  it('passes bytes both ways, split into N reads toward the device, and shows both directions', async () => {
    const { server, cli, device } = await relayed(
      '--split',
      '4',
      '--split-gap',
      '40',
      '--only',
      'server-to-device',
      '--jsonl',
    );
    await cli.said(/RX is device → server, TX is server → device/);
    device.socket?.write('request from the device');
    await eventually(
      () => server.peer.bytes().toString() === 'request from the device',
      'the request at the server',
    );
    expect(server.peer.reads.length).toBe(1);
    server.peer.socket?.write('0123456789ab');
    await eventually(() => device.bytes().length === 12, 'the 12 bytes at the device');
    expect(device.reads.map((r) => r.toString())).toEqual(['012', '345', '678', '9ab']);

    expect(await cli.interrupt()).toBe(0);
    const lines = jsonlLines(cli.stdout());
    expect(jsonlBytes(lines, 'rx').toString()).toBe('request from the device');
    expect(jsonlBytes(lines, 'tx').toString()).toBe('0123456789ab');
    expect(cli.stderr()).toContain('Summary: received 23 bytes');
  });

  it('holds every chunk for --latency before passing it on', async () => {
    const { server, cli, device } = await relayed('--latency', '300', '--quiet');
    await eventually(() => server.peer.socket, 'the relay to dial the server');
    const sentAt = performance.now();
    device.socket?.write('late');
    await eventually(
      () => server.peer.bytes().toString() === 'late',
      'the held bytes at the server',
    );
    // A lower bound the relay itself imposes, not a speed: it may never be early.
    expect((server.peer.readTimes[0] ?? 0) - sentAt).toBeGreaterThanOrEqual(290);
    expect(await cli.interrupt()).toBe(0);
  });
});

describe('wirebench serve', () => {
  it('starts the browser mode, which answers over HTTP and its WebSocket; Ctrl+C stops it and its port', async () => {
    const cli = track(spawnCli(['serve', '--port', '0', '--data-dir', dir]));
    const url = new URL(
      (await eventually(
        () => /(http:\/\/\S+\?token=\S+)/.exec(cli.stdout().toString())?.[1],
        'the URL on stdout',
      )) ?? '',
    );
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const token = url.searchParams.get('token') ?? '';
    const listed = await callServe({ origin: url.origin, token }, 'listEndpoints', {});
    expect(listed).toEqual({ ok: true, value: [] });

    expect(await cli.interrupt()).toBe(0);
    expect(isListening(Number(url.port))).toBe(false);
    expect(listeningRow(Number(url.port))).toBe('');
  });
});

describe('wirebench serve: usage', () => {
  it.each([
    [
      ['serve', '--port', 'abc'],
      "wirebench serve: --port must be a whole number from 0 to 65535, not 'abc'",
    ],
    [
      ['serve', '--port', '99999'],
      "wirebench serve: --port must be a whole number from 0 to 65535, not '99999'",
    ],
    [
      ['serve', '--log-budget-mib', 'x'],
      'wirebench serve: --log-budget-mib must be a whole number',
    ],
    [['serve', 'now'], "wirebench serve: Unexpected argument 'now'"],
  ])(
    '%j is a mistake in the command: exit code 2, and nothing is started',
    async (args, sentence) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(sentence)).toBe(true);
      expect(r.stderr).toContain("Run 'wirebench serve --help' for how to use it.");
      expect(r.stdout.length).toBe(0);
    },
  );
});
