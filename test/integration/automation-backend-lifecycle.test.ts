import { describe, expect, it } from 'vitest';
import { autoReply, text, useAutomationBackend } from '../helpers/automation-backend';
import { must } from '../helpers/result';
import { eventually, spawnPeer } from '../helpers/peers';
import { parseFrames, pythonReceiver } from '../helpers/udp-peers';

/**
 * Automation ends with its connection: a peer that leaves stops what was
 * sent to it, with its address; a removed connection stops everything and
 * leaves nothing behind; the engine's disposal stops the rest.
 */

const ab = useAutomationBackend();
const peers = ab.peers;

describe('automation and the life of a connection', () => {
  it('a periodic send to one peer of a listener stops when that peer leaves, naming it', async () => {
    const server = await must(
      ab.h.api.openEndpoint({
        spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
      }),
    );
    const port = ab.h.info(server.id).local?.port;
    const socat = spawnPeer('socat', ['-u', `TCP:127.0.0.1:${port}`, 'STDOUT']);
    peers.push(socat);
    await eventually(() => ab.h.info(server.id).peers.length === 1, 'the peer');
    const peer = ab.h.info(server.id).peers[0]!;
    await must(
      ab.h.api.startPeriodic({
        endpointId: server.id,
        peerId: peer.id,
        payload: { spec: text('x') },
        intervalMs: 5,
      }),
    );
    await socat.waitForBytes(2);
    socat.kill();
    const stopped = await ab.watch.until('periodic', server.id, (s) => s.state !== 'running');
    expect(stopped.state).toBe('failed');
    // Either the engine saw the peer go first, or the send to it failed: both say so.
    expect(['automation.peer-gone', 'automation.send-failed']).toContain(stopped.reason?.code);
    if (stopped.reason?.code === 'automation.peer-gone')
      expect(stopped.reason.params).toEqual({ peer: `127.0.0.1:${peer.port}` });
  });

  it('removing a connection stops its periodic send, sequence and rules, and forgets them', async () => {
    const { peer: receiver, port } = await pythonReceiver('127.0.0.1');
    peers.push(receiver);
    const got = (): string[] => parseFrames(receiver.stdout()).map((f) => f.toString());
    const open = () =>
      must(
        ab.h.api.openEndpoint({
          spec: { kind: 'udp', host: '127.0.0.1', port: 0, connect: { host: '127.0.0.1', port } },
        }),
      );
    const doomed = await open();
    const witness = await open();
    const start = (endpointId: string, source: string) =>
      must(ab.h.api.startPeriodic({ endpointId, payload: { spec: text(source) }, intervalMs: 5 }));
    await start(doomed.id, 'D');
    await must(
      ab.h.api.runSequence({
        endpointId: doomed.id,
        script: { source: 'expect text never within 60000' },
        encoding: 'utf-8',
      }),
    );
    await must(autoReply(ab.h.api, doomed.id, [{ id: 'a', matchAs: 'any', reply: text('r') }]));
    await eventually(() => got().includes('D'), 'the first send');
    await must(ab.h.api.removeEndpoint({ endpointId: doomed.id }));
    expect(await must(ab.h.api.listAutomation({}))).toEqual([]);
    // Nothing more comes from it: the witness starts after the removal, and no D follows its first W.
    await start(witness.id, 'W');
    await eventually(() => got().filter((f) => f === 'W').length >= 10, 'ten sends of the witness');
    expect(got().slice(got().indexOf('W'))).not.toContain('D');
  });
});
