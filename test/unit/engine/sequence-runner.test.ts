import { describe, expect, it } from 'vitest';
import type { StreamTarget } from '../../../src/main/engine/automation/automation-target';
import { SequenceRun, type StepEvent } from '../../../src/main/engine/automation/sequence-runner';
import { parseScript } from '../../../src/shared/automation/script-parser';
import { ascii, toHex } from '../payload/bytes';

/**
 * The runner's rules, against a device written as a function of what it is
 * sent (real sockets and a Python device: test/integration/automation-sequence).
 */

function device(
  answer: (sent: Uint8Array) => Array<string | Uint8Array>,
  send?: () => Promise<void>,
) {
  const listeners = new Set<(d: Uint8Array) => void>();
  const sent: string[] = [];
  const closed = new AbortController();
  const target: StreamTarget = {
    send: async (bytes) => {
      sent.push(toHex(bytes));
      await send?.();
      // The answer arrives later, chunk by chunk, as from a socket.
      setImmediate(() => {
        for (const part of answer(bytes)) {
          const data = typeof part === 'string' ? ascii(part) : part;
          for (const l of listeners) l(data);
        }
      });
    },
    closed: closed.signal,
    onData: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { target, sent, listeners };
}

function run(script: string, target: StreamTarget) {
  const parsed = parseScript(script);
  expect(parsed.diagnostics).toEqual([]);
  const events: StepEvent[] = [];
  const seq = new SequenceRun({
    script: parsed,
    target,
    encoding: 'utf-8',
    onStep: (e) => events.push(e),
  });
  return { seq, events, outcome: seq.start() };
}

describe('sequence runner', () => {
  it('leaves what followed a match for the next expect', async () => {
    const d = device(() => ['OK\r\nDATA 7\r\n']);
    const { outcome } = run('send text GO\nexpect text OK\nexpect regex /DATA (\\d+)/', d.target);
    expect(await outcome).toEqual({ result: 'passed' });
  });

  it('matches across chunks and consumes through the match, so one reply never passes two expects', async () => {
    const d = device(() => ['A', 'C', 'K\n']);
    const { outcome } = run('send text GO\nexpect text ACK\nexpect text ACK within 50', d.target);
    expect(await outcome).toMatchObject({
      result: 'failed',
      step: 2,
      problem: { code: 'automation.expect-timeout', params: { lastBytesHex: '0A' } },
    });
  });

  it('puts the last expect captures and the named ones into sends', async () => {
    const d = device((b) =>
      b[0] === 0x01 ? [Uint8Array.of(0x01, 0x03, 0x02, 0xbe, 0xef)] : ['ID=42;'],
    );
    const script = [
      'send text WHO',
      'expect regex /ID=(?<id>\\d+);/',
      'send hex 01 03 00 00 00 01',
      'expect hex 01 03 02 ?? ??', // $1 is BE EF now; $id stays 42
      'send hex {{$1}} {{$0}} +xor',
      'send text id={{$id}} n={{counter}}',
    ].join('\n');
    const { outcome } = run(script, d.target);
    expect(await outcome).toEqual({ result: 'passed' });
    expect(d.sent.slice(2)).toEqual([
      // BE EF, then the whole match, then the XOR of all of it.
      'BE EF 01 03 02 BE EF 00',
      toHex(ascii('id=42 n=3')),
    ]);
  });

  it("puts a repeat's steps back to pending at each pass", async () => {
    const d = device(() => ['PONG\n']);
    const { outcome, events } = run(
      'repeat 2\n  send text PING\n  expect text PONG\nend',
      d.target,
    );
    expect(await outcome).toEqual({ result: 'passed' });
    expect(events.map((e) => `${e.step}:${e.state}:${e.iteration.join('.')}`)).toEqual([
      '0:running:',
      '1:running:1',
      '1:passed:1',
      '2:running:1',
      '2:passed:1',
      '1:pending:2',
      '2:pending:2',
      '1:running:2',
      '1:passed:2',
      '2:running:2',
      '2:passed:2',
      '0:passed:',
    ]);
  });

  it('fails at the step whose send cannot be composed or is refused', async () => {
    const unset = run('send text {{$nope}}', device(() => []).target);
    expect(await unset.outcome).toMatchObject({
      result: 'failed',
      step: 0,
      problem: { code: 'automation.capture-unset' },
    });
    const refused = device(
      () => [],
      () => Promise.reject(new Error('EPIPE')),
    );
    const r = run('wait 0\nsend text x', refused.target);
    expect(await r.outcome).toMatchObject({
      result: 'failed',
      step: 1,
      problem: {
        code: 'automation.send-failed',
        params: { reason: { params: { detail: 'EPIPE' } } },
      },
    });
    expect(r.seq.states).toEqual(['passed', 'failed']);
  });

  it('fails the repeat with the step inside it, and stops listening at the end', async () => {
    const d = device(() => []);
    const { outcome, seq } = run('repeat 3\n  expect text X within 10\nend', d.target);
    expect(await outcome).toMatchObject({ result: 'failed', step: 1, iteration: [1] });
    expect(seq.states).toEqual(['failed', 'failed']);
    expect(d.listeners.size).toBe(0);
  });

  it('stops during a wait', async () => {
    const { seq, events, outcome } = run('wait 60000', device(() => []).target);
    await expect.poll(() => events.length).toBe(1);
    seq.stop();
    expect(await outcome).toMatchObject({
      result: 'failed',
      step: 0,
      problem: { code: 'automation.stopped' },
    });
  });

  it('refuses to run a script with errors', () => {
    expect(
      () =>
        new SequenceRun({
          script: parseScript('sned x'),
          target: device(() => []).target,
          encoding: 'utf-8',
        }),
    ).toThrow(RangeError);
  });

  it('a run that never waits (nested empty repeats of a million) still lets timers and stop() in', async () => {
    const d = device(() => []);
    // The empty inner repeat is a warning, not an error: the script runs.
    const script = parseScript('repeat 1000000\n  repeat 1000000\n  end\nend');
    const seq = new SequenceRun({ script, target: d.target, encoding: 'utf-8' });
    const outcome = seq.start();
    // A timer can fire only if the run gives the event loop a turn.
    setTimeout(() => seq.stop(), 20);
    expect(await outcome).toMatchObject({
      result: 'failed',
      problem: { code: 'automation.stopped' },
    });
  });

  it('a million expects met by bytes already received yield too', async () => {
    const d = device(() => ['A'.repeat(4096)]);
    const { seq, outcome } = run('send text GO\nrepeat 1000000\n  expect text A\nend', d.target);
    setTimeout(() => seq.stop(), 20);
    const done = await outcome;
    // 4096 expects pass, then the next waits for more (or the stop comes first).
    expect(done).toMatchObject({ result: 'failed' });
  });

  it.each([
    'expect text NEVER within 60000',
    'expect regex /NE(V)ER/ within 60000',
    'expect hex 4E 45 56 * 45 52 within 60000',
    'expect hex 4E 45 56 45 52 within 60000',
  ])('a flood of 2 MiB during "%s" does not hide the match in it', async (line) => {
    const listeners = new Set<(d: Uint8Array) => void>();
    const target: StreamTarget = {
      send: () => Promise.resolve(),
      closed: new AbortController().signal,
      onData: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const { outcome } = run(line, target);
    const noise = ascii('abcdefgh'.repeat(8));
    let n = 0;
    // As from a socket: bursts of reads, one turn of the event loop each; the match in the middle.
    await new Promise<void>((resolve) => {
      const burst = (): void => {
        for (let i = 0; i < 20; i++, n++)
          for (const l of listeners) l(n === 20_000 ? ascii('xxNEVxxNEVERxx') : noise);
        if (n < 32_768) setImmediate(burst);
        else resolve();
      };
      burst();
    });
    expect(await outcome).toEqual({ result: 'passed' });
  });
});
