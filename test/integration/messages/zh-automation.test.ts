import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { LibraryStore } from '../../../src/main/library/library-store';
import type { AutoReplyRuleInput } from '../../../src/shared/automation/rule-spec';
import type { MessageCode, MessageRef, Result } from '../../../src/shared/contract';
import { autoReply } from '../../helpers/automation-backend';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { connectPeer } from '../../helpers/node-peers';
import { eventually, freePort } from '../../helpers/peers';
import { provokes, refusedWith, toldOf } from '../../helpers/provoke';
import { must } from '../../helpers/result';

/**
 * Automation's messages, provoked through the router as a window asks (a
 * script main will not run, a rule it cannot compile, a request it cannot
 * carry out) and said with the UI in 简体中文. What a run says when it ends
 * (timeouts, a peer leaving, a reply loop) is provoked against real peers in
 * the automation-backend tests; they check the codes, this file the words.
 */
let h: Harness;
let udp: string;
let tcpServer: string;
/** A backend with the payload library, which the harness has not. */
let withLibrary: Backend;
let libraryUdp: string;
const libraryDir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-zh-automation-'));
const call = <T>(op: string, payload: unknown) =>
  withLibrary.router.handle(op, payload) as Promise<Result<T>>;
beforeAll(async () => {
  withLibrary = createBackend(
    { version: 't', mode: 'browser', library: new LibraryStore(libraryDir) },
    { dataDir: libraryDir },
  );
  libraryUdp = (
    await must(
      call<{ id: string }>('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }),
    )
  ).id;
  h = startHarness();
  udp = (await must(h.api.openEndpoint({ spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }))).id;
  tcpServer = (
    await must(h.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }))
  ).id;
});
afterAll(async () => {
  await h?.close();
  await withLibrary?.dispose();
  rmSync(libraryDir, { recursive: true, force: true });
});

/**
 * What main says of the first line of a script it will not run. A last line
 * it cannot read keeps a first line with only a warning from running.
 */
async function scriptSays(first: string): Promise<MessageRef | undefined> {
  const source = `${first}\nsned x`;
  const r = await must(
    h.api.runSequence({ endpointId: udp, script: { source }, encoding: 'utf-8' }),
  );
  expect(r.runId).toBeNull();
  return r.problems[0]?.message;
}

/** Auto-reply on the UDP endpoint with these rules, on raw chunks. */
const setRules = (rules: unknown[]) => autoReply(h.api, udp, rules);

/** What main says of the one rule it was given. */
async function ruleSays(rule: Omit<AutoReplyRuleInput, 'id'>): Promise<MessageRef | undefined> {
  const status = await must(setRules([{ id: 'r', ...rule }]));
  return status.rules[0]?.problem?.message;
}

/** The first issue the contract finds in a rule list it refuses whole. */
async function rulesRefusedFor(rules: unknown[]): Promise<MessageRef | undefined> {
  const refusal = await refusedWith(setRules(rules));
  return (refusal.params as { issues: Array<{ message?: MessageRef }> }).issues[0]?.message;
}

const text = (source: string) => ({ mode: 'text' as const, source });

describe('a script main will not run, said in Chinese', () => {
  provokes('automation.statement-unknown', () => scriptSays('sned x'));
  provokes('automation.mode-missing', () => scriptSays('send'));
  provokes('automation.mode-unknown', () => scriptSays('send binary 01'));
  provokes('automation.payload-missing', () => scriptSays('send text'));
  provokes('automation.payload-invalid', () => scriptSays('send hex 01 0 02'));
  provokes('automation.option-unknown', () => scriptSays('send text A +shout'));
  provokes('automation.option-conflict', () => scriptSays('send text A +lf +cr'));
  provokes('automation.option-needs-checksum', () => scriptSays('send hex 01 +le'));
  provokes('automation.option-text-only', () => scriptSays('send hex 01 +utf-8'));
  provokes('automation.option-value-invalid', () => scriptSays('send hex 01 +xor +from=x'));
  provokes('automation.options-not-allowed', () => scriptSays('expect hex 01 +xor'));
  provokes('automation.number-missing', () => scriptSays('wait'));
  provokes('automation.wait-invalid', () => scriptSays('wait soon'));
  provokes('automation.repeat-invalid', () => scriptSays('repeat 0\nwait 1\nend'));
  provokes('automation.within-invalid', () => scriptSays('expect text OK within -5'));
  provokes('automation.text-unexpected', () => scriptSays('wait 5 then'));
  provokes('automation.regex-slash-missing', () => scriptSays('expect regex TOKEN'));
  provokes('automation.regex-unterminated', () => scriptSays('expect regex /TOKEN'));
  provokes('automation.regex-invalid', () => scriptSays('expect regex /(/'));
  provokes('automation.regex-flag-unknown', () => scriptSays('expect regex /a/q'));
  provokes('automation.regex-not-linear', () => scriptSays('expect regex /(a)\\1/'));
  provokes('automation.repeat-unclosed', () => scriptSays('repeat 2'));
  provokes('automation.repeat-empty', () => scriptSays('repeat 2\nend'));
  provokes('automation.end-unmatched', () => scriptSays('end'));
  provokes('automation.hex-pattern-char', () => scriptSays('expect hex zz'));
  provokes('automation.hex-pattern-odd', () => scriptSays('expect hex 010'));
  provokes('automation.hex-pattern-lone-question', () => scriptSays('expect hex 01 ?'));
});

describe('a rule main cannot run, said in Chinese', () => {
  provokes('automation.rule-match-empty', () =>
    ruleSays({ matchAs: 'text', match: '', reply: text('x') }),
  );
  provokes('automation.rule-match-invalid', () =>
    ruleSays({ matchAs: 'text', match: 'a\\q', reply: text('x') }),
  );
  provokes('automation.rule-reply-invalid', () =>
    ruleSays({ matchAs: 'any', reply: { mode: 'hex', source: '0' } }),
  );
  provokes('automation.hex-pattern-empty', () =>
    ruleSays({ matchAs: 'hex', match: '   ', reply: text('x') }),
  );
});

describe('a request automation cannot carry out, said in Chinese', () => {
  provokes('automation.relay-unsupported', async () => {
    const relay = await must(
      h.api.openEndpoint({
        spec: {
          kind: 'relay',
          host: '127.0.0.1',
          port: 0,
          targetHost: '127.0.0.1',
          targetPort: await freePort(),
        } as never,
      }),
    );
    return refusedWith(
      h.api.startPeriodic({
        endpointId: relay.id,
        payload: { spec: text('x') },
        intervalMs: 10,
      } as never),
    );
  });
  provokes('automation.no-peer', () =>
    refusedWith(
      h.api.runSequence({ endpointId: tcpServer, script: { source: 'wait 1' }, encoding: 'utf-8' }),
    ),
  );
  provokes('automation.peer-gone', () =>
    refusedWith(
      h.api.runSequence({
        endpointId: tcpServer,
        peerId: 'p999',
        script: { source: 'wait 1' },
        encoding: 'utf-8',
      }),
    ),
  );
  provokes('automation.sequence-running', async () => {
    const run = { endpointId: udp, script: { source: 'wait 5000' }, encoding: 'utf-8' } as const;
    await must(h.api.runSequence(run));
    const said = await refusedWith(h.api.runSequence(run));
    await must(h.api.stopSequence({ endpointId: udp }));
    return said;
  });
  provokes('automation.library-item-missing', () =>
    refusedWith(
      call('startPeriodic', {
        endpointId: libraryUdp,
        to: { host: '127.0.0.1', port: 9 },
        payload: { libraryItemId: 'nothing-here' },
        intervalMs: 10,
      }),
    ),
  );
  provokes('automation.library-item-not-payload', async () => {
    const seq = await must(
      call<{ id: string }>('saveSequence', { name: 'Login', script: 'wait 1' }),
    );
    return refusedWith(
      call('startPeriodic', {
        endpointId: libraryUdp,
        to: { host: '127.0.0.1', port: 9 },
        payload: { libraryItemId: seq.id },
        intervalMs: 10,
      }),
    );
  });
  provokes('automation.library-item-not-sequence', async () => {
    const item = await must(
      call<{ id: string }>('saveLibraryItem', { name: 'Poll', spec: text('x') }),
    );
    return refusedWith(
      call('runSequence', {
        endpointId: libraryUdp,
        script: { libraryItemId: item.id },
        encoding: 'utf-8',
      }),
    );
  });
  provokes('automation.rule-ids-shared', () =>
    rulesRefusedFor([
      { id: 'a', matchAs: 'any', reply: text('x') },
      { id: 'a', matchAs: 'any', reply: text('y') },
    ]),
  );
  provokes('automation.regex-flags', () =>
    rulesRefusedFor([{ id: 'a', matchAs: 'regex', match: 'a', flags: 'ii', reply: text('x') }]),
  );
});

/** A TCP server with one Node peer connected, and its id. */
async function serverWithPeer() {
  const server = await must(
    h.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  const peer = await connectPeer(server.local?.port ?? 0);
  await eventually(() => h.info(server.id).peers.length === 1, 'the peer to be accepted');
  return { id: server.id, peer };
}

/** The first message main told of (events, statuses) that carries `code`. */
const told = (code: MessageCode) => toldOf(() => h.events, code);

const lines = (count: number) => 'x\n'.repeat(count);

/** A TCP server with one peer, running `source` toward it. */
async function runningOnServer(source: string) {
  const server = await serverWithPeer();
  await must(h.api.runSequence({ endpointId: server.id, script: { source }, encoding: 'utf-8' }));
  return server;
}

describe('how a run ends, said in Chinese', () => {
  provokes('automation.expect-timeout-silent', async () => {
    await runningOnServer('expect text OK within 50');
    return told('automation.expect-timeout-silent');
  });
  provokes('automation.expect-timeout', async () => {
    const { peer } = await runningOnServer('expect text OK within 300');
    // What arrives while the expect waits is what it names.
    peer.socket.write('NOPE');
    return told('automation.expect-timeout');
  });
  provokes('automation.capture-unset', async () => {
    await runningOnServer('send text {{$1}}');
    return told('automation.capture-unset');
  });
  provokes('automation.choose-peer', async () => {
    const { id } = await serverWithPeer();
    await connectPeer(h.info(id).local?.port ?? 0);
    await eventually(() => h.info(id).peers.length === 2, 'the second peer');
    return refusedWith(
      h.api.runSequence({ endpointId: id, script: { source: 'wait 1' }, encoding: 'utf-8' }),
    );
  });
  provokes('automation.stopped', async () => {
    const { id } = await runningOnServer('wait 5000');
    await must(h.api.stopSequence({ endpointId: id }));
    return told('automation.stopped');
  });
  provokes('automation.connection-closed', async () => {
    const { id } = await runningOnServer('wait 5000');
    await must(h.api.closeEndpoint({ endpointId: id, closePeers: true }));
    return told('automation.connection-closed');
  });
  provokes('automation.compose-failed', async () => {
    const { id } = await serverWithPeer();
    await must(
      h.api.startPeriodic({
        endpointId: id,
        peerId: 'all',
        payload: { spec: { mode: 'hex', source: '0' } as never },
        intervalMs: 10,
      }),
    );
    return told('automation.compose-failed');
  });
  provokes('automation.send-failed', async () => {
    await must(
      h.api.startPeriodic({
        endpointId: udp,
        to: { host: '255.255.255.255', port: 9 },
        payload: { spec: text('x') },
        intervalMs: 10,
        count: 1,
      }),
    );
    return told('automation.send-failed');
  });
  /** Auto-reply on `id` with one rule that answers every line. */
  const answerEachLine = (id: string, rule: Record<string, unknown>) =>
    must(
      autoReply(h.api, id, [rule], { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false }),
    );
  provokes('automation.reply-flood', async () => {
    // 6,000 replies within a second is more than two loaded cores may manage: a lower limit.
    h.backend.engine.automation.replyLimits = { count: 200, windowMs: 1000 };
    const { id, peer } = await serverWithPeer();
    await answerEachLine(id, { id: 'echo', matchAs: 'any', reply: text('y') });
    peer.socket.write(lines(6000));
    return told('automation.reply-flood');
  });
  provokes('automation.reply-backlog', async () => {
    const { id, peer } = await serverWithPeer();
    await answerEachLine(id, { id: 'late', matchAs: 'any', reply: text('y'), delayMs: 60_000 });
    peer.socket.write(lines(10_050));
    return told('automation.reply-backlog');
  });
  provokes('automation.partial-frames-dropped', async () => {
    const { id, peer } = await serverWithPeer();
    await answerEachLine(id, { id: 'line', matchAs: 'any', reply: text('y') });
    // More peers that never end a line, each just under the 1 MiB frame limit: past 16 MiB together.
    const others = await Promise.all(
      Array.from({ length: 19 }, () => connectPeer(h.info(id).local?.port ?? 0)),
    );
    for (const p of [peer, ...others]) p.socket.write(Buffer.alloc(1_000_000, 0x41));
    return told('automation.partial-frames-dropped');
  });
});
