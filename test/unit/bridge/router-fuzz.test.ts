import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { handlers } from '../../../src/main/core/handlers/index';
import type { Subscription } from '../../../src/main/core/subscription';
import { EndpointError } from '../../../src/main/engine/system-errors';
import { LibraryStore } from '../../../src/main/library/library-store';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import {
  errorCode,
  eventBatch,
  OPERATION_NAMES,
  operations,
  type OperationName,
} from '../../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';
import { hostileCalls, type Call } from '../../helpers/hostile-requests';
import { msg, type MessageRef } from '../../../src/shared/messages/catalogue';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { messageRef } from '../../../src/shared/contract/message';

/**
 * The router against 10,000 random requests, carried by the wire encoding
 * both transports use (encodeMessage -> decodeMessage -> router.handle ->
 * encodeMessage -> decodeMessage): known and unknown operations, values
 * drawn from the contract and values that break it at a random place, deep
 * and huge objects, and forged messages. Every request gets a typed error or
 * a result that passes the contract, none an 'internal' one; every request
 * a handler receives passes the contract; every event batch does too.
 * Handlers that would touch the network beyond loopback are replaced by
 * recorders that answer a typed error.
 */
const RUNS = 10_000;
// In memory where the system has it: the library's saves would otherwise wait on the disk.
const work = mkdtempSync(
  path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'wirebench-fuzz-'),
);
let backend: Backend;
let subscription: Subscription;
const problems: string[] = [];
const handled = new Map<string, number>();
let sent = 0;
const outcomes = new Map<string, number>();
const original = { ...handlers };
const table = handlers as Record<OperationName, (request: unknown, context: unknown) => unknown>;

/** Endpoints the requests may name (as '@tcp', '@udp', '@relay'), reopened when a request removes one. */
const FIXTURES = {
  '@tcp': { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
  '@udp': { kind: 'udp', host: '127.0.0.1', port: 0 },
  '@relay': { kind: 'relay', host: '127.0.0.1', port: 0, targetHost: '127.0.0.1', targetPort: 9 },
} as const;
const fixtureIds = new Map<string, string>();

/** Whether a request may run for real: nothing but a loopback listener on a port the system picks. */
function runsForReal(op: OperationName, request: unknown): boolean {
  if (['sendTo', 'joinGroup', 'leaveGroup'].includes(op)) return false;
  if (op !== 'openEndpoint') return true;
  // Enough listeners to answer with; more only make every listEndpoints longer.
  if (backend.engine.list().length >= 12) return false;
  const spec = (request as { spec: { kind: string; host: string; port: number } }).spec;
  return spec.kind === 'tcp-server' && ['127.0.0.1', '::1'].includes(spec.host) && spec.port === 0;
}

beforeAll(async () => {
  backend = createBackend(
    {
      version: 'test',
      mode: 'browser',
      library: new LibraryStore(path.join(work, 'data')),
      payloadFiles: new PayloadFileRegistry(),
    },
    {
      dataDir: path.join(work, 'data'),
      capturesDir: path.join(work, 'captures'),
      logBudgetBytes: 16 * 1024 * 1024,
    },
  );
  subscription = backend.router.subscribe((batch) => {
    // Delivered as the transports deliver it; what a window gets must pass the contract.
    const delivered = decodeMessage(encodeMessage(batch));
    const parsed = eventBatch.safeParse(delivered);
    if (!parsed.success)
      problems.push(`an event batch fails the contract: ${parsed.error.message}`);
    subscription.ack(batch.seq);
  });
  for (const name of OPERATION_NAMES) {
    table[name] = (request, context) => {
      const parsed = operations[name].request.safeParse(request);
      if (!parsed.success) problems.push(`${name} received an invalid request`);
      handled.set(name, (handled.get(name) ?? 0) + 1);
      if (!runsForReal(name, request)) {
        const detail = 'recorded, not run, in this test';
        throw new EndpointError(
          msg('request.internal', { operation: name, detail }),
          'wrong-state',
        );
      }
      return (original[name] as (r: unknown, c: unknown) => unknown)(request, context);
    };
  }
});

afterAll(async () => {
  Object.assign(handlers, original);
  subscription?.dispose();
  await backend?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function reopenFixtures(): Promise<void> {
  for (const [marker, spec] of Object.entries(FIXTURES)) {
    const current = fixtureIds.get(marker);
    if (current && backend.engine.has(current)) continue;
    const request = operations.openEndpoint.request.parse({ spec });
    const opened = await original.openEndpoint(request, {
      engine: backend.engine,
      subscription,
      services: { version: 'test', mode: 'browser' },
    });
    fixtureIds.set(marker, opened.id);
  }
}

/** The value with each fixture marker replaced by that fixture's live id. */
function withFixtures(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return fixtureIds.get(value) ?? value;
  if (depth > 20 || typeof value !== 'object' || value === null || value instanceof Uint8Array) {
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => withFixtures(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, {
      value: withFixtures(v, depth + 1),
      enumerable: true,
      writable: true,
    });
  }
  return out;
}

const anyCall = hostileCalls(fc.constantFrom('@tcp', '@udp', '@relay', 'e1', 'e99999', 'p1', 'f1'));

// ---- the transports' part, in memory -----------------------------------------------------

/** What a transport does with a message: decode, route, encode the result; never throws. */
async function overTheWire(message: Uint8Array): Promise<unknown> {
  let call: { kind?: unknown; id?: unknown; op?: unknown; payload?: unknown };
  try {
    call = decodeMessage(message) as typeof call;
  } catch {
    return 'malformed';
  }
  if (call?.kind !== 'call' || typeof call.id !== 'number') return 'malformed';
  const result = await backend.router.handle(call.op, call.payload, subscription);
  return { op: call.op, result: decodeMessage(encodeMessage(result)) };
}

function judge(outcome: unknown): void {
  if (outcome === 'malformed') {
    outcomes.set('malformed', (outcomes.get('malformed') ?? 0) + 1);
    return;
  }
  const { op, result } = outcome as {
    op: unknown;
    result: { ok: boolean; value?: unknown; error?: { code: unknown; message: unknown } };
  };
  const name = typeof op === 'string' ? op : typeof op;
  if (result.ok) {
    outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
    const schema = operations[op as OperationName]?.result;
    expect(schema, `${name} answered ok`).toBeDefined();
    const parsed = schema!.safeParse(result.value);
    expect(parsed.success, `${name}: the result fails the contract`).toBe(true);
    return;
  }
  const code = result.error?.code;
  outcomes.set(String(code), (outcomes.get(String(code)) ?? 0) + 1);
  expect(errorCode.safeParse(code).success, `${name}: error code ${String(code)}`).toBe(true);
  expect(code, `${name}: ${JSON.stringify(result.error?.message)}`).not.toBe('internal');
  // A message of the catalogue, with values of the kinds it says, and short once said.
  expect(messageRef.safeParse(result.error?.message).success, name).toBe(true);
  const message = englishOf(result.error!.message as MessageRef);
  expect(message.length, name).toBeGreaterThan(0);
  expect(message.length, `${name}: ${message.slice(0, 200)}`).toBeLessThan(1000);
}

/** fast-check's report with each value cut short: a megabyte counterexample helps nobody. */
function shortReport(details: fc.RunDetails<[Call]>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
  const message = `${fc.defaultReportMessage(details) ?? 'failed'}\nThe failure: ${cause}`;
  throw new Error(message.replace(/(.{300})[^\n]{300,}/g, '$1… (cut)'));
}

describe('router: 10,000 random requests over the wire', () => {
  it('answers every one with a typed error or a valid result, and hands the engine nothing invalid', async () => {
    await fc.assert(
      fc.asyncProperty(anyCall, async (call) => {
        await reopenFixtures();
        const before = problems.length;
        let message: Uint8Array;
        if ('forged' in call) message = call.forged;
        else {
          try {
            message = encodeMessage({
              kind: 'call',
              id: 1,
              op: withFixtures(call.op),
              payload: withFixtures(call.payload),
            });
          } catch {
            return; // the sender could not have sent it (JSON cannot carry it)
          }
        }
        sent++;
        judge(await overTheWire(message));
        expect(problems.slice(before)).toEqual([]);
      }),
      // A few more runs than requests: a value JSON cannot carry is never sent.
      { numRuns: RUNS + 200, reporter: shortReport },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(problems).toEqual([]);
    // The requests reached far: most operations ran, and both ok and refused answers came back.
    expect(outcomes.get('ok')).toBeGreaterThan(RUNS * 0.1);
    expect(outcomes.get('invalid-request')).toBeGreaterThan(RUNS * 0.1);
    expect(outcomes.get('unknown-operation')).toBeGreaterThan(RUNS * 0.03);
    expect(outcomes.get('malformed')).toBeGreaterThan(RUNS * 0.03);
    expect(handled.size).toBeGreaterThan(OPERATION_NAMES.length * 0.9);
    // And the router still serves a plain request afterwards.
    expect(await backend.router.handle('appInfo', {})).toMatchObject({ ok: true });
    // About 10 s alone; the bound leaves room for a machine shared with other test runs.
  }, 120_000);
});
