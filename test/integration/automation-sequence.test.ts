import { describeProblem } from '../../src/shared/automation/automation-errors';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SequenceRun,
  type SequenceOutcome,
  type StepEvent,
} from '../../src/main/engine/automation/sequence-runner';
import { parseScript } from '../../src/shared/automation/script-parser';
import { socketTarget } from '../helpers/automation-targets';
import { eventually, type PeerProcess } from '../helpers/peers';
import { tokenDevice } from '../helpers/token-device';

/**
 * Sequences against a scripted device in Python (test/helpers/token_device.py):
 * a real peer on loopback that hands out a token, one that does not, one
 * that hangs up.
 */

const HANDSHAKE = String.raw`
send text HELLO\r\n
expect text WELCOME within 2000
expect regex /TOKEN=(?<token>\w+)\r\n/ within 2000   # a line the device writes in two parts
send text AUTH {{$1}}\r\n
expect text OK\r\n within 2000
repeat 3
  send text PING {{counter}}\n        # sends so far: 2, 3, 4
  expect regex /PONG (\d+)\n/ within 2000
end
send text BYE {{$token}}\n            # a named capture stays set for the run
expect text CIAO abc123 within 2000
`;

const devices: PeerProcess[] = [];
const sockets: net.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const d of devices.splice(0)) d.kill();
});

/** Starts the device in `mode` and connects to it. */
async function device(mode: 'token' | 'no-token' | 'close'): Promise<net.Socket> {
  const { peer: d, port } = await tokenDevice(mode);
  devices.push(d);
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

async function run(script: string, socket: net.Socket) {
  const parsed = parseScript(script);
  expect(parsed.diagnostics).toEqual([]);
  const events: StepEvent[] = [];
  const seq = new SequenceRun({
    script: parsed,
    target: socketTarget(socket),
    encoding: 'utf-8',
    onStep: (e) => events.push(e),
  });
  return { seq, events, outcome: seq.start() as Promise<SequenceOutcome> };
}

describe('sequences against a scripted device', () => {
  it('passes the handshake with a device that hands out a token', async () => {
    const socket = await device('token');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const { seq, events, outcome } = await run(HANDSHAKE, socket);
    expect(await outcome).toEqual({ result: 'passed' });
    expect(seq.states.every((s) => s === 'passed')).toBe(true);
    expect(seq.states).toHaveLength(10);
    expect(events.some((e) => e.state === 'failed')).toBe(false);
    // The PONG expect ran three times: running then passed on each pass.
    const pong = events.filter((e) => e.step === 7 && e.state === 'passed');
    expect(pong.map((e) => e.iteration)).toEqual([[1], [2], [3]]);
    expect(Buffer.concat(received).toString()).toBe(
      'WELCOME\r\nTOKEN=abc123\r\nOK\r\nPONG 2\nPONG 3\nPONG 4\nCIAO abc123\n',
    );
  });

  it('fails at the token step, saying what it waited for and what came instead', async () => {
    const socket = await device('no-token');
    const script = HANDSHAKE.replace('within 2000   #', 'within 300   #');
    const { seq, events, outcome } = await run(script, socket);
    const result = await outcome;
    expect(result).toMatchObject({
      result: 'failed',
      step: 2,
      iteration: [],
      problem: {
        code: 'automation.expect-timeout',
        params: {
          as: 'regex',
          pattern: String.raw`/TOKEN=(?<token>\w+)\r\n/`,
          withinMs: 300,
          // What followed WELCOME, and was not a token.
          lastBytesHex: '0D 0A',
        },
      },
    });
    if (result.result !== 'failed') throw new Error('passed');
    expect(describeProblem(result.problem)).toBe(
      String.raw`expect regex /TOKEN=(?<token>\w+)\r\n/: nothing matched within 300 ms; last 32 bytes: 0D 0A`,
    );
    expect(seq.states.slice(0, 4)).toEqual(['passed', 'passed', 'failed', 'pending']);
    expect(events.at(-1)).toMatchObject({ step: 2, state: 'failed' });
  });

  it('fails with target-closed when the device hangs up, not after the timeout', async () => {
    const socket = await device('close');
    const script = HANDSHAKE.replace('within 2000   #', 'within 60000   #');
    const { outcome } = await run(script, socket);
    expect(await outcome).toMatchObject({
      result: 'failed',
      step: 2,
      problem: {
        code: 'automation.target-closed-because',
        params: { detail: 'the peer closed the connection' },
      },
    });
  });

  it('stops on request: the step in progress fails with stopped', async () => {
    const socket = await device('no-token');
    const { seq, events, outcome } = await run(HANDSHAKE.replace('2000   #', '60000   #'), socket);
    await eventually(
      () => events.some((e) => e.step === 2 && e.state === 'running'),
      'the token step to start',
    );
    seq.stop();
    expect(await outcome).toMatchObject({
      result: 'failed',
      step: 2,
      problem: { code: 'automation.stopped' },
    });
  });
});
