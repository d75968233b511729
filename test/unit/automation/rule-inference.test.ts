import { describeProblem } from '../../../src/shared/automation/automation-errors';
import { describe, expect, it } from 'vitest';
import { composeWithCaptures } from '../../../src/shared/automation/captures';
import {
  detectTrailingChecksum,
  explainingChecksums,
} from '../../../src/shared/automation/checksum-detect';
import {
  inferRules,
  type ConversationMessage,
} from '../../../src/shared/automation/rule-inference';
import { compileRule } from '../../../src/shared/automation/rule-match';
import type { AutoReplyRule } from '../../../src/shared/automation/rule-spec';
import {
  devicePdu,
  mbap,
  request as read,
  rtu,
  rtuConversation,
  tcpConversation,
} from '../../helpers/modbus-conversation';
import { ascii, hex, toHex } from '../payload/bytes';

/** A conversation in hex: each request this side sent ('tx'), then the answer it got ('rx'). */
function requestsAnswered(
  pairs: Array<[request: string, response: string]>,
): ConversationMessage[] {
  return pairs.flatMap(([request, response]) => [
    { dir: 'tx' as const, data: hex(request) },
    { dir: 'rx' as const, data: hex(response) },
  ]);
}

// ---- Replaying requests against the rules ---------------------------------------------------

/** What the rule list answers `request` with: the first matching rule's composed reply. */
function answer(rules: AutoReplyRule[], request: Uint8Array): string | null {
  for (const rule of rules) {
    const c = compileRule(rule, 'latin1');
    if (!c.ok) throw new Error(`${rule.match}: ${describeProblem(c.problem)}`);
    const captures = c.match(request);
    if (!captures) continue;
    const reply = composeWithCaptures(rule.reply, captures);
    if (!reply.ok) throw new Error(describeProblem(reply.problem));
    return toHex(reply.bytes);
  }
  return null;
}

/** Every recorded request, replayed: the rules must answer exactly what the device sent. */
function expectReplayExact(conversation: ConversationMessage[], rules: AutoReplyRule[]) {
  let checked = 0;
  for (let i = 0; i < conversation.length; i++) {
    const m = conversation[i] as ConversationMessage;
    if (m.dir !== 'tx') continue;
    const parts: Uint8Array[] = [];
    for (let k = i + 1; k < conversation.length && conversation[k]?.dir === 'rx'; k++)
      parts.push((conversation[k] as ConversationMessage).data);
    const response = parts.flatMap((p) => Array.from(p));
    expect(answer(rules, m.data), toHex(m.data)).toBe(toHex(Uint8Array.from(response)));
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

describe('checksum detection', () => {
  it('finds the CRC-16/MODBUS on every frame, in its byte order', () => {
    const frames = rtuConversation(1).map((m) => m.data);
    expect(detectTrailingChecksum(frames)).toEqual({ id: 'crc16-modbus', order: 'le', width: 2 });
  });

  it('needs two different messages before a checksum counts', () => {
    const one = Uint8Array.of(0x31, 0x32, 0x03); // XOR: 31 ^ 32 = 03
    expect(explainingChecksums([one, one])).toEqual([]);
    const two = Uint8Array.of(0x41, 0x42, 0x43, 0x40);
    expect(detectTrailingChecksum([one, two])).toEqual({ id: 'xor', order: 'be', width: 1 });
    // SUM-16 explains this one frame by chance; a second frame settles it.
    expect(detectTrailingChecksum([Uint8Array.of(1, 2, 3, 0)])).toBeNull();
  });

  it('finds none where the last bytes are not a checksum', () => {
    expect(detectTrailingChecksum(tcpConversation(1, 1).map((m) => m.data))).toBeNull();
    expect(detectTrailingChecksum([])).toBeNull();
  });
});

describe('rules from a recorded conversation', () => {
  it('Modbus RTU: answers every replayed request byte-exact, CRC recomputed, unit id copied', () => {
    const conversation = rtuConversation(3);
    const { rules, pairs, tooLong } = inferRules(conversation);
    expect([pairs, tooLong]).toEqual([15, 0]);
    expectReplayExact(conversation, rules);
    // Units 1 and 2 hold the same registers: one rule answers both, putting back the unit id.
    const shared = rules.find((r) => r.match === '?? 03 00 00 00 04 ?? ??');
    expect(shared?.reply).toMatchObject({
      mode: 'hex',
      source: '{{$1}} 03 08 01 11 02 22 03 33 04 44',
      checksum: { id: 'crc16-modbus', order: 'le' },
    });
    // So a unit never recorded (7) gets the same registers, with its own id and a correct CRC.
    const unit7 = rtu(read(7, 3, 0, 4));
    expect(answer(rules, unit7)).toBe(toHex(rtu([7, 3, 8, 1, 0x11, 2, 0x22, 3, 0x33, 4, 0x44])));
    expect(rules.every((r) => r.matchAs === 'hex' && r.enabled && !r.once)).toBe(true);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('Modbus TCP: answers every replayed request byte-exact, transaction id copied', () => {
    // Transaction ids 0x00FA… cross 0x0100, so both of their bytes differ between requests.
    const conversation = tcpConversation(0x00fa, 4);
    const { rules } = inferRules(conversation);
    expectReplayExact(conversation, rules);
    expect(rules.map((r) => r.match)).toContain('?? ?? 00 00 00 06 ?? 03 00 00 00 04');
    expect(rules.every((r) => r.reply.checksum.id === 'none')).toBe(true);
    // A transaction id never seen is put back in the reply.
    const request = mbap(0x1234, 1, Uint8Array.from(read(0, 3, 0, 4).slice(1)));
    expect(answer(rules, request)).toBe(
      toHex(mbap(0x1234, 1, devicePdu(1, Uint8Array.from(read(0, 3, 0, 4).slice(1))))),
    );
  });

  it('a text protocol: the differing bytes become a capture the reply copies', () => {
    const conversation: ConversationMessage[] = [1, 2, 3].flatMap((n) => [
      { dir: 'rx' as const, data: ascii(`PING ${n}\n`) },
      { dir: 'tx' as const, data: ascii(`PONG ${n}\n`) },
    ]);
    const { rules } = inferRules(conversation);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      match: '50 49 4E 47 20 ?? 0A',
      reply: { source: '50 4F 4E 47 20 {{$1}} 0A' },
    });
    expect(answer(rules, ascii('PING 9\n'))).toBe(toHex(ascii('PONG 9\n')));
  });

  it('splits by the request byte that decides the response, and keeps the first of conflicting answers', () => {
    const conversation = requestsAnswered([
      ['01 07', 'AA'],
      ['02 07', 'BB'],
      ['01 08', 'AA'],
      ['03 09', 'CC'],
      ['03 09', 'DD'], // the same request, answered differently later: the first answer stands
    ]);
    const { rules } = inferRules(conversation);
    expect(answer(rules, hex('01 07'))).toBe('AA');
    expect(answer(rules, hex('01 55'))).toBe('AA');
    expect(answer(rules, hex('02 07'))).toBe('BB');
    expect(answer(rules, hex('03 09'))).toBe('CC');
    expect(answer(rules, hex('04 09'))).toBeNull();
  });

  it('gives a request that a more general rule would answer wrongly an exact rule of its own', () => {
    // `01 ??` (answered AA) and `?? 09` (answered BB BB) both match 01 09, recorded with BB BB.
    const conversation = requestsAnswered([
      ['01 07', 'AA'],
      ['01 08', 'AA'],
      ['01 09', 'BB BB'],
      ['02 09', 'BB BB'],
    ]);
    const { rules } = inferRules(conversation);
    expectReplayExact(conversation, rules);
    expect(rules[0]).toMatchObject({ match: '01 09', reply: { source: 'BB BB' } });
    expect(answer(rules, hex('01 55'))).toBe('AA');
    expect(answer(rules, hex('07 09'))).toBe('BB BB');
  });

  it('pairs a request with every chunk before the next request, and skips unanswered ones', () => {
    const conversation: ConversationMessage[] = [
      { dir: 'rx', data: ascii('A') },
      { dir: 'rx', data: ascii('B') },
      { dir: 'tx', data: ascii('b1') },
      { dir: 'tx', data: ascii('b2') },
    ];
    const { rules, pairs } = inferRules(conversation);
    expect(pairs).toBe(1);
    expect(answer(rules, ascii('B'))).toBe(toHex(ascii('b1b2')));
    expect(answer(rules, ascii('A'))).toBeNull();
    expect(inferRules(conversation, { requestDir: 'tx' }).pairs).toBe(0);
    expect(inferRules([]).rules).toEqual([]);
  });
});
