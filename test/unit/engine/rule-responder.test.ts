import { describe, expect, it } from 'vitest';
import type { ReplyTarget } from '../../../src/main/engine/automation/automation-target';
import {
  MAX_FRAMED_PEERS,
  MAX_PENDING_REPLIES,
  MIN_HELD_BYTES,
  RuleResponder,
  type RuleResponderOptions,
} from '../../../src/main/engine/automation/rule-responder';
import {
  autoReplyRuleSchema,
  type AutoReplyRuleInput,
} from '../../../src/shared/automation/rule-spec';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { ascii } from '../payload/bytes';

/** The responder's choices, against a target that records replies (sockets: test/integration). */

const rule = (input: Partial<AutoReplyRuleInput> & { id: string }) =>
  autoReplyRuleSchema.parse({
    matchAs: 'any',
    reply: { mode: 'text', source: input.id },
    ...input,
  });

function responder(options: Partial<RuleResponderOptions> & Pick<RuleResponderOptions, 'rules'>) {
  const closed = new AbortController();
  const sent: Array<{ peerId: string; text: string; ruleId: string }> = [];
  const problems: string[] = [];
  const target: ReplyTarget = {
    reply: (peerId, bytes, ruleId) => {
      sent.push({ peerId, text: Buffer.from(bytes).toString('latin1'), ruleId });
      return Promise.resolve();
    },
    closed: closed.signal,
  };
  let now = 0;
  const clock = options.clock ?? (() => (now += 1000));
  const r = new RuleResponder({
    encoding: 'utf-8',
    framing: { mode: 'raw' },
    target,
    onProblem: (id, p) => problems.push(`${id}: ${p.code}`),
    clock,
    ...options,
  });
  let seq = 0;
  const chunk = (text: string, peerId = 'p1', dir: Chunk['dir'] = 'rx'): void => {
    r.receive({ seq: seq++, endpointId: 'e', peerId, dir, time: clock(), data: ascii(text) });
  };
  return { r, sent, problems, chunk, close: (why: string) => closed.abort(why) };
}

describe('rule responder', () => {
  it('answers with the first enabled rule that matches, to the peer that sent the message', () => {
    const { sent, chunk, r } = responder({
      rules: [
        rule({ id: 'off', matchAs: 'text', match: 'A', enabled: false }),
        rule({ id: 'a', matchAs: 'text', match: 'A' }),
        rule({ id: 'a2', matchAs: 'text', match: 'A' }),
        rule({ id: 'any' }),
      ],
    });
    chunk('xAx', 'p1');
    chunk('B', 'p2');
    chunk('A', 'p1', 'tx'); // what we sent is never answered
    expect(sent).toEqual([
      { peerId: 'p1', text: 'a', ruleId: 'a' },
      { peerId: 'p2', text: 'any', ruleId: 'any' },
    ]);
    expect([...r.hits()]).toEqual([
      ['a', 1],
      ['any', 1],
    ]);
  });

  it('frames per peer: a message split over chunks is one message', () => {
    const { sent, chunk } = responder({
      rules: [
        rule({
          id: 'pong',
          matchAs: 'exact',
          match: 'PING',
          reply: { mode: 'text', source: 'PONG #{{counter}}' },
        }),
      ],
      framing: { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false },
    });
    chunk('PI', 'p1');
    chunk('PI', 'p2');
    chunk('NG\nPING\n', 'p1');
    chunk('NG\n', 'p2');
    // {{counter}} is the rule's hits before this one.
    expect(sent.map((s) => `${s.peerId}:${s.text}`)).toEqual([
      'p1:PONG #0',
      'p1:PONG #1',
      'p2:PONG #2',
    ]);
  });

  it('replies once when told to, then lets the next rule answer', () => {
    const { sent, chunk } = responder({
      rules: [rule({ id: 'first', once: true }), rule({ id: 'rest' })],
    });
    chunk('1');
    chunk('2');
    chunk('3');
    expect(sent.map((s) => s.ruleId)).toEqual(['first', 'rest', 'rest']);
  });

  it('waits the rule delay, and drops delayed replies once stopped or closed', async () => {
    const { sent, chunk, r, close } = responder({ rules: [rule({ id: 'slow', delayMs: 20 })] });
    chunk('x');
    expect(sent).toEqual([]);
    await expect.poll(() => sent.length).toBe(1);
    chunk('y');
    expect(r.pendingReplies).toBe(1);
    close('the connection closed');
    // The timer of the reply to 'y' is gone, so it can never be sent.
    expect(r.pendingReplies).toBe(0);
    chunk('z');
    expect(r.handle({ peerId: 'p1', data: ascii('w') })).toBeNull();
    expect(r.hits().get('slow')).toBe(2);
  });

  it('skips a rule that cannot compile, and keeps its reason', () => {
    const { r, sent, chunk } = responder({
      rules: [rule({ id: 'bad', matchAs: 'regex', match: '(' }), rule({ id: 'good' })],
    });
    chunk('x');
    expect(sent.map((s) => s.ruleId)).toEqual(['good']);
    expect(r.compiled[0]).toMatchObject({
      ok: false,
      field: 'match',
      problem: { code: 'automation.regex-invalid' },
    });
  });

  it('reports a reply that cannot be composed, counting the hit', () => {
    const { r, sent, chunk, problems } = responder({
      rules: [rule({ id: 'r', reply: { mode: 'text', source: '{{$name}}' } })],
    });
    chunk('x');
    expect(sent).toEqual([]);
    expect(problems).toEqual(['r: automation.capture-unset']);
    expect(r.hits().get('r')).toBe(1);
  });

  it('with idle framing, answers when the peer falls silent', async () => {
    const { sent, chunk, r } = responder({
      rules: [rule({ id: 'got', matchAs: 'exact', match: 'AB' })],
      framing: { mode: 'idle', gapMs: 10 },
      clock: () => performance.now() * 1000,
    });
    chunk('A');
    chunk('B');
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]?.ruleId).toBe('got');
    r.stop();
  });

  it('holds the partial frames of a bounded number of peers, whatever number write', () => {
    const { r, chunk, sent } = responder({
      rules: [rule({ id: 'a', matchAs: 'text', match: 'A' })],
      framing: { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false },
    });
    // A UDP socket hears from any number of ports: each leaves half a line.
    for (let i = 0; i < MAX_FRAMED_PEERS * 3; i++) chunk('A', `p${i}`);
    expect(r.framedPeers).toBe(MAX_FRAMED_PEERS);
    // The most recent ones are still framed: their line completes and is answered.
    chunk('\n', `p${MAX_FRAMED_PEERS * 3 - 1}`);
    expect(sent.map((s) => s.peerId)).toEqual([`p${MAX_FRAMED_PEERS * 3 - 1}`]);
  });

  it('holds at most MIN_HELD_BYTES of partial frames across peers, dropping the oldest and saying so', () => {
    const { r, chunk, sent, problems } = responder({
      rules: [rule({ id: 'a', matchAs: 'text', match: 'A' })],
      framing: { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false },
    });
    // Peers that never finish a line, each just under the 1 MiB frame limit.
    const almostFrame = new Uint8Array(1024 * 1024 - 16).fill(0x41);
    const peers = 40;
    for (let i = 0; i < peers; i++)
      r.receive({
        seq: i,
        endpointId: 'e',
        peerId: `p${i}`,
        dir: 'rx',
        time: i,
        data: almostFrame,
      });
    expect(r.heldBytes).toBeLessThanOrEqual(MIN_HELD_BYTES);
    expect(r.droppedPartials).toBeGreaterThanOrEqual(peers - 16);
    expect(problems.at(-1)).toBe('null: automation.partial-frames-dropped');
    // The latest peer's frame is still whole: its line completes and is answered.
    chunk('\n', `p${peers - 1}`);
    expect(sent.map((s) => s.peerId)).toEqual([`p${peers - 1}`]);
    // The first one's was dropped: its newline ends an empty message, which the rule does not match.
    chunk('\n', 'p0');
    expect(sent).toHaveLength(1);
  });

  it('lets go of a peer that left, and of the bytes it held', () => {
    const { r, chunk } = responder({
      rules: [rule({ id: 'a' })],
      framing: { mode: 'delimiter', delimiter: '\\n' },
    });
    for (let i = 0; i < 10; i++) chunk('half', `p${i}`);
    expect(r.framedPeers).toBe(10);
    for (let i = 0; i < 10; i++) r.forget(`p${i}`);
    expect(r.framedPeers).toBe(0);
    expect(r.heldBytes).toBe(0);
  });

  it('lets at most MAX_PENDING_REPLIES delayed replies wait, and says it dropped the next', () => {
    const { r, chunk, problems } = responder({
      rules: [rule({ id: 'slow', delayMs: 3_600_000 })],
    });
    for (let i = 0; i <= MAX_PENDING_REPLIES; i++) chunk('x');
    expect(r.pendingReplies).toBe(MAX_PENDING_REPLIES);
    expect(problems).toEqual(['slow: automation.reply-backlog']);
    r.stop();
    expect(r.pendingReplies).toBe(0);
  });
});
