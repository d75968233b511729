import { afterEach, describe, expect, it } from 'vitest';
import { inferRules } from '../../src/shared/automation/rule-inference';
import { autoReplyRuleSchema } from '../../src/shared/automation/rule-spec';
import { listenWithRules } from '../helpers/automation-targets';
import { POLL_CYCLE, rtu, rtuConversation } from '../helpers/modbus-conversation';
import { modbusMaster } from '../helpers/modbus-peers';
import { spawnPeer, type PeerProcess } from '../helpers/peers';

/**
 * Auto-reply rules answering real peers on loopback: socat for text, a
 * Python Modbus master (with its own CRC code, not ours) for binary.
 */

const peers: PeerProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.kill();
  for (const c of cleanups.splice(0)) await c();
});

describe('auto-reply rules on real sockets', () => {
  it('a regex rule answers PING 42 with PONG 42 (socat as the peer)', async () => {
    const rule = autoReplyRuleSchema.parse({
      id: 'pong',
      matchAs: 'regex',
      match: '^PING (\\d+)$',
      reply: { mode: 'text', source: 'PONG {{$1}}', lineEnding: 'lf' },
    });
    const server = await listenWithRules({
      rules: [rule],
      encoding: 'utf-8',
      framing: { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false },
    });
    cleanups.push(server.close);
    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${server.port}`]);
    peers.push(socat);
    // Sent in two parts: the framing makes one message of them.
    socat.write(Buffer.from('PI'));
    socat.write(Buffer.from('NG 42\nHELLO\n'));
    expect((await socat.waitForBytes(8)).toString()).toBe('PONG 42\n');
    expect(server.responder.hits().get('pong')).toBe(1);
    expect(server.replies).toEqual(['pong']);
  });

  it('a hex-pattern rule answers a Modbus read with a reply whose CRC the master accepts', async () => {
    const rule = autoReplyRuleSchema.parse({
      id: 'read-one',
      matchAs: 'hex',
      match: '?? 03 ?? ?? 00 01 ?? ??',
      reply: {
        mode: 'hex',
        source: '{{$1}} 03 02 00 2A',
        checksum: { id: 'crc16-modbus', order: 'le' },
      },
    });
    const server = await listenWithRules({
      rules: [rule],
      encoding: 'latin1',
      framing: { mode: 'raw' },
    });
    cleanups.push(server.close);
    const p = modbusMaster(server.port, [
      { request: rtu([0x11, 0x03, 0x00, 0x6b, 0x00, 0x01]), answerLength: 7 },
      { request: rtu([0x05, 0x03, 0x00, 0x00, 0x00, 0x01]), answerLength: 7 },
    ]);
    peers.push(p);
    expect(await p.exited()).toBe(0);
    // The unit id comes back from the request; Python checked each CRC with its own code.
    expect(p.stdout().toString()).toBe('110302002AF858 crc-ok\n050302002AC85B crc-ok\n');
    expect(server.responder.hits().get('read-one')).toBe(2);
  });

  it('rules made from a recorded Modbus conversation answer the replayed requests byte-exact', async () => {
    const conversation = rtuConversation(3);
    const { rules } = inferRules(conversation);
    const server = await listenWithRules({ rules, encoding: 'latin1', framing: { mode: 'raw' } });
    cleanups.push(server.close);
    const frames = [];
    const expected = [];
    for (let i = 0; i < conversation.length; i += 2) {
      const answer = (conversation[i + 1] as { data: Uint8Array }).data;
      frames.push({
        request: (conversation[i] as { data: Uint8Array }).data,
        answerLength: answer.length,
      });
      expected.push(`${Buffer.from(answer).toString('hex').toUpperCase()} crc-ok`);
    }
    const p = modbusMaster(server.port, frames);
    peers.push(p);
    expect(await p.exited()).toBe(0);
    expect(p.stdout().toString().trim().split('\n')).toEqual(expected);
    expect(frames).toHaveLength(POLL_CYCLE.length * 3);
  });
});
