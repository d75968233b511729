import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, boundPort } from '../helpers/cli';
import { useScratch } from '../helpers/scratch';
import { freePort, spawnPeer } from '../helpers/peers';
import { tokenDevice } from '../helpers/token-device';

/**
 * `wirebench run` against the scripted Python device: exit code 0 when the
 * sequence passes, 1 when it fails (naming the step and why), 2 when the
 * script has mistakes; --junit writes a report an XML parser reads.
 */
const { dir, track } = useScratch('cli-run');

const HANDSHAKE = String.raw`# log in, then ping
send text HELLO\r\n
expect text WELCOME within 2000
expect regex /TOKEN=(\w+)\r\n/ within 1000
send text AUTH {{$1}}\r\n
expect text OK\r\n within 2000
repeat 3
  send text PING {{counter}}\n
  expect regex /PONG \d+\n/ within 2000
end
`;

function script(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `wirebench run` of the login handshake against 127.0.0.1:PORT, its JUnit report in `junit`. */
function runHandshake(
  port: number,
  junit: string,
  ...options: string[]
): ReturnType<typeof runCli> {
  const args = ['--connect', 'tcp', `127.0.0.1:${port}`, '--junit', junit, ...options];
  return runCli(['run', script('login.wb', HANDSHAKE), ...args]);
}

/** The login handshake run against the token device in `mode`, its JUnit report in `junit`. */
async function handshakeAgainst(
  mode: 'token' | 'no-token',
  junit: string,
  ...options: string[]
): ReturnType<typeof runCli> {
  const device = await tokenDevice(mode);
  track(device.peer);
  return runHandshake(device.port, junit, ...options);
}

/** The report as Python's XML parser reads it: suite counts, and each case's name and outcome. */
function readJunit(file: string): {
  suite: Record<string, string>;
  cases: Array<{ name: string; outcome: string; message: string }>;
} {
  const program = String.raw`
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
suite = root.find('testsuite')
cases = []
for c in suite.findall('testcase'):
    outcome, message = 'passed', ''
    for tag in ('failure', 'error', 'skipped'):
        e = c.find(tag)
        if e is not None:
            outcome, message = tag, e.get('message') or ''
    cases.append({'name': c.get('name'), 'outcome': outcome, 'message': message})
print(json.dumps({'suite': dict(suite.attrib), 'cases': cases}))
`;
  return JSON.parse(execFileSync('python3', ['-c', program, file], { encoding: 'utf8' }));
}

describe('wirebench run --connect', () => {
  it('passes against a device that hands out a token: exit code 0, each step said, a JUnit report', async () => {
    const junit = path.join(dir, 'pass.xml');
    const r = await handshakeAgainst('token', junit, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ok {3}line 2: send text HELLO\\r\\n \(\d+ ms\)/);
    expect(r.stderr).toMatch(/ok {3}line 7: repeat 3/);
    expect(r.stderr).toMatch(/Passed: 8 steps in \d+ ms/);
    expect(r.stdout.length).toBe(0);
    const report = readJunit(junit);
    expect(report.suite).toMatchObject({ tests: '8', failures: '0', errors: '0', skipped: '0' });
    expect(report.cases.map((c) => c.outcome)).toEqual(Array(8).fill('passed'));
    expect(report.cases[2]?.name).toBe(
      'step 3, line 4: expect regex /TOKEN=(\\w+)\\r\\n/ within 1000',
    );
  });

  it('a --junit report that cannot be written still says how the run went, then why the report failed: exit code 1', async () => {
    const junit = path.join(dir, 'no-such-folder', 'report.xml');
    const r = await handshakeAgainst('no-token', junit, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Failed at step 3 \(line 4: expect regex/);
    expect(r.stderr).toContain(
      `wirebench: Could not write the JUnit report ${junit}: its folder does not exist`,
    );
  });

  it('fails against a device that gives no token: exit code 1, the step and the reason, the report says so', async () => {
    const junit = path.join(dir, 'fail.xml');
    const r = await handshakeAgainst('no-token', junit, '--jsonl');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Failed at step 3 (line 4: expect regex /TOKEN=(\\w+)\\r\\n/ within 1000): expect regex /TOKEN=(\\w+)\\r\\n/: nothing matched within 1 s; last 32 bytes: 0D 0A',
    );
    // The traffic is on stdout, as JSON lines.
    expect(r.stdout.toString()).toContain('"direction":"rx"');
    const report = readJunit(junit);
    expect(report.suite).toMatchObject({ tests: '8', failures: '1', errors: '0', skipped: '5' });
    expect(report.cases.map((c) => c.outcome)).toEqual([
      'passed',
      'passed',
      'failure',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(report.cases[2]?.message).toContain('nothing matched within 1 s; last 32 bytes: 0D 0A');
  });

  it('a script with mistakes runs nothing: each one at its line and column, exit code 2, an error in the report', async () => {
    const junit = path.join(dir, 'broken.xml');
    const file = script('broken.wb', 'send text HI\nexpekt text OK\nwait soon\n');
    const r = await runCli(['run', file, '--connect', 'tcp', '127.0.0.1:9', '--junit', junit]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}:2:1: error: Unknown statement 'expekt': a line starts with send, expect, wait, repeat or end`,
    );
    expect(r.stderr).toContain(`${file}:3:6: error:`);
    expect(r.stderr).toContain(`wirebench run: ${file} has errors (above); nothing was run`);
    expect(r.stderr).not.toContain('refused');
    const report = readJunit(junit);
    expect(report.suite).toMatchObject({ tests: '1', errors: '1' });
    expect(report.cases[0]?.outcome).toBe('error');
    expect(readFileSync(junit, 'utf8')).toContain('Unknown statement &apos;expekt&apos;');
  });

  it('a device that is not there: exit code 1 with the engine’s sentence, and a report with that error', async () => {
    const junit = path.join(dir, 'refused.xml');
    const port = await freePort();
    const r = await runHandshake(port, junit);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `wirebench: Connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    );
    const report = readJunit(junit);
    expect(report.suite).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    expect(report.cases[0]).toEqual({
      name: 'the connection opens',
      outcome: 'error',
      message: `Connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    });
  });

  it.each([
    [['run', 'x.wb'], 'wirebench run: Missing where to run'],
    [['run', 'x.wb', '--connect', 'tcp'], 'wirebench run: Missing the address after --connect tcp'],
    [['run', '--connect', 'tcp', '127.0.0.1:1'], 'wirebench run: Missing the script file'],
    [
      ['run', 'nope.wb', '--connect', 'tcp', '127.0.0.1:1'],
      'wirebench run: Could not read the script nope.wb: there is no such file',
    ],
  ])('%j is a mistake in the command: exit code 2', async (args, sentence) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(sentence)).toBe(true);
  });
});

describe('wirebench run --listen', () => {
  it('runs on the first peer that connects (ncat), as a server would answer it', async () => {
    const file = script('server.wb', 'expect text HELLO\nsend text WELCOME\\n\nexpect text BYE\n');
    const cli = spawnCli(['run', file, '--listen', 'tcp', '127.0.0.1:0', '--quiet']);
    track(cli);
    const port = await boundPort(cli);
    await cli.said(/Waiting for a peer/);
    const ncat = spawnPeer('ncat', ['127.0.0.1', String(port)]);
    track(ncat);
    ncat.write(Buffer.from('HELLO\n'));
    expect((await ncat.waitForBytes(8)).toString()).toBe('WELCOME\n');
    ncat.write(Buffer.from('BYE\n'));
    expect(await cli.done()).toBe(0);
    expect(cli.stderr()).toMatch(/Passed: 3 steps/);
  });

  it('Ctrl+C before the sequence ends: exit code 130, the report says what ran', async () => {
    const junit = path.join(dir, 'interrupted.xml');
    const file = script('slow.wb', 'expect text NEVER within 60000\n');
    const cli = spawnCli(['run', file, '--listen', 'tcp', '127.0.0.1:0', '--junit', junit]);
    track(cli);
    const port = await boundPort(cli);
    const ncat = spawnPeer('ncat', ['127.0.0.1', String(port)]);
    track(ncat);
    await cli.said(/connected/);
    expect(await cli.interrupt()).toBe(130);
    expect(cli.stderr()).toContain('Interrupted: the sequence did not finish');
    expect(readJunit(junit).cases[0]?.outcome).toBe('failure');
  });
});
