import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { useAutomationBackend } from '../helpers/automation-backend';
import { must, refusal } from '../helpers/result';
import { eventually, spawnPeer } from '../helpers/peers';

/**
 * Sequences run by the engine on a real connection, as a window starts
 * them: against the Python device that hands out a token, one that does
 * not, and scripts the main process will not run.
 */

const DEVICE = path.join(__dirname, '../helpers/token_device.py');
const HANDSHAKE = String.raw`
send text HELLO\r\n
expect text WELCOME within 2000
expect regex /TOKEN=(?<token>\w+)\r\n/ within 2000
send text AUTH {{$1}}\r\n
expect text OK\r\n within 2000
`;

const ab = useAutomationBackend();
const peers = ab.peers;

async function deviceClient(mode: 'token' | 'no-token'): Promise<EndpointInfo> {
  const d = spawnPeer('python3', [DEVICE, mode]);
  peers.push(d);
  const port = Number(await eventually(() => /^\d+\n/.exec(d.stdout().toString())?.[0], 'port'));
  const e = await must(
    ab.h.api.openEndpoint({
      spec: { kind: 'tcp-client', host: '127.0.0.1', port },
    }),
  );
  await eventually(() => ab.h.info(e.id).state === 'connected', 'the client to connect');
  return e;
}

describe('sequences through the engine', () => {
  it('passes against a device that hands out a token; every step passed, sends tagged', async () => {
    const e = await deviceClient('token');
    const r = await must(
      ab.h.api.runSequence({
        endpointId: e.id,
        script: { source: HANDSHAKE },
        encoding: 'utf-8',
      }),
    );
    expect(r.problems).toEqual([]);
    const done = await ab.watch.until('sequence', e.id, (s) => s.state !== 'running');
    expect(done).toMatchObject({ runId: r.runId, state: 'passed', failure: null });
    expect(done.steps).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(ab.h.logged(e.id, 'tx').toString()).toBe('HELLO\r\nAUTH abc123\r\n');
    const tx = ab.h.backend.engine.log.read(e.id, -1, 100).filter((c) => c.dir === 'tx');
    expect(tx.map((c) => c.origin)).toEqual([
      { kind: 'sequence', id: r.runId },
      { kind: 'sequence', id: r.runId },
    ]);
  });

  it('fails at the expect, with the step and the reason, against one that does not', async () => {
    const e = await deviceClient('no-token');
    const script = HANDSHAKE.replace('within 2000\nsend', 'within 300\nsend');
    await must(
      ab.h.api.runSequence({
        endpointId: e.id,
        script: { source: script },
        encoding: 'utf-8',
      }),
    );
    const done = await ab.watch.until('sequence', e.id, (s) => s.state !== 'running');
    expect(done.state).toBe('failed');
    expect(done.steps).toEqual(['passed', 'passed', 'failed', 'pending', 'pending']);
    expect(done.failure?.step).toBe(2);
    expect(englishOf(done.failure!.message)).toBe(
      String.raw`expect regex /TOKEN=(?<token>\w+)\r\n/: nothing matched within 300 ms; last 32 bytes: 0D 0A`,
    );
  });

  it('does not start a script main will not run, and says where; one run at a time', async () => {
    const e = await deviceClient('no-token');
    const r = await must(
      ab.h.api.runSequence({
        endpointId: e.id,
        script: { source: 'send text HELLO\\r\\n\nexpect regex /(a)\\1/\nsned x' },
        encoding: 'utf-8',
      }),
    );
    expect(r.runId).toBeNull();
    expect(r.problems.map((p) => [p.line, p.column, p.endColumn, p.message.code])).toEqual([
      [2, 1, 21, 'automation.regex-not-linear'],
      [3, 1, 5, 'automation.statement-unknown'],
    ]);
    const run = { endpointId: e.id, script: { source: 'wait 5000' }, encoding: 'utf-8' } as const;
    await must(ab.h.api.runSequence(run));
    expect(await refusal(ab.h, 'runSequence', run)).toBe(
      'A sequence is already running on this connection; stop it first',
    );
    expect(await must(ab.h.api.stopSequence({ endpointId: e.id }))).toEqual({ stopped: true });
    const stopped = await ab.watch.until('sequence', e.id, (s) => s.state !== 'running');
    expect(stopped.failure?.message.code).toBe('automation.stopped');
  });

  it('on a listener with two peers, asks which one', async () => {
    const server = await must(
      ab.h.api.openEndpoint({
        spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
      }),
    );
    const port = ab.h.info(server.id).local?.port;
    for (let i = 0; i < 2; i++) {
      const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
      peers.push(socat);
    }
    await eventually(() => ab.h.info(server.id).peers.length === 2, 'two peers');
    const run = { endpointId: server.id, script: { source: 'wait 1' }, encoding: 'utf-8' } as const;
    expect(await refusal(ab.h, 'runSequence', run)).toBe(
      '2 peers are connected: choose the one the sequence talks to',
    );
    const peerId = ab.h.info(server.id).peers[1]?.id;
    await must(ab.h.api.runSequence({ ...run, peerId }));
    await ab.watch.until('sequence', server.id, (s) => s.state === 'passed');
  });
});
