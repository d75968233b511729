import { afterEach, describe, expect, it } from 'vitest';
import { inferRules } from '../../src/shared/automation/rule-inference';
import { autoReplyRuleSchema } from '../../src/shared/automation/rule-spec';
import { listenWithRules } from '../helpers/automation-targets';
import { POLL_CYCLE, rtu, rtuConversation } from '../helpers/modbus-conversation';
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

/** A Modbus RTU master in Python: sends each hex frame, reads the answer, checks its CRC itself. */
const MASTER = String.raw`
import socket, sys
def crc16_modbus(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for frame, length in zip(sys.argv[2::2], sys.argv[3::2]):
    s.sendall(bytes.fromhex(frame))
    answer = b""
    while len(answer) < int(length):
        more = s.recv(4096)
        if not more:
            sys.exit("closed early")
        answer += more
    body, crc = answer[:-2], answer[-2:]
    ok = crc16_modbus(body) == int.from_bytes(crc, "little")
    print(answer.hex().upper(), "crc-ok" if ok else "crc-bad", flush=True)
s.close()
`;

function master(port: number, frames: Array<{ request: Uint8Array; answerLength: number }>) {
  const args = frames.flatMap((f) => [
    Buffer.from(f.request).toString('hex'),
    String(f.answerLength),
  ]);
  const p = spawnPeer('python3', ['-c', MASTER, String(port), ...args]);
  peers.push(p);
  return p;
}

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
    const p = master(server.port, [
      { request: rtu([0x11, 0x03, 0x00, 0x6b, 0x00, 0x01]), answerLength: 7 },
      { request: rtu([0x05, 0x03, 0x00, 0x00, 0x00, 0x01]), answerLength: 7 },
    ]);
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
    const p = master(server.port, frames);
    expect(await p.exited()).toBe(0);
    expect(p.stdout().toString().trim().split('\n')).toEqual(expected);
    expect(frames).toHaveLength(POLL_CYCLE.length * 3);
  });
});
