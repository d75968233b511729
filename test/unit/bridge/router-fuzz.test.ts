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
import { arbitraryFor } from '../../helpers/contract-arbitrary';

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
        throw new EndpointError(`${name} is recorded, not run, in this test`, 'wrong-state');
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

// ---- what the requests are made of ------------------------------------------------------

const ids = fc.constantFrom('@tcp', '@udp', '@relay', 'e1', 'e99999', 'p1', 'f1');

const nested = (depth: number, kind: 'array' | 'object'): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
};
const deep = fc
  .tuple(fc.integer({ min: 50, max: 2000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => nested(depth, kind));
const huge = fc.oneof(
  fc.integer({ min: 65_536, max: 262_144 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 10_000, max: 20_000 }).map((n) => new Array<number>(n).fill(7)),
  fc
    .integer({ min: 1000, max: 3000 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 1 << 16, max: 1 << 19 }).map((n) => new Uint8Array(n)),
);
const boundary = fc.constantFrom(
  null,
  undefined,
  true,
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '{{random:65536}}',
  [],
  {},
  { $bin: [0, 1] },
  new Uint8Array(0),
);
// Deep and huge values are few (a few hundred of the 10,000): each costs the whole path a lot.
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: boundary },
  {
    weight: 12,
    arbitrary: fc.anything({
      maxDepth: 3,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
    }),
  },
  { weight: 2, arbitrary: deep },
  { weight: 1, arbitrary: huge },
);

/** Every [holder, key] in a value, to break it at one place. */
function places(value: unknown, out: Array<[Record<string, unknown>, string]> = [], depth = 0) {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return out;
  if (depth > 8) return out; // the contract is shallow; junk put in before may be deep
  for (const key of Object.keys(value).slice(0, 100)) {
    out.push([value as Record<string, unknown>, key]);
    places((value as Record<string, unknown>)[key], out, depth + 1);
  }
  return out;
}

/** A valid value broken at one or two random places: replaced, removed, or given a stray key. */
function broken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const change = fc.record({
    at: fc.nat(),
    how: fc.constantFrom('replace', 'remove', 'add'),
    key: fc.constantFrom('extra', '__proto__', 'constructor', '$bin', 'toString', ''),
    value: junk,
  });
  return fc
    .tuple(valid, fc.array(change, { minLength: 1, maxLength: 2 }))
    .map(([value, changes]) => {
      // A copy: fast-check keeps the values it generated, to shrink them.
      const root = { value: structuredClone(value) };
      for (const c of changes) {
        const all = places(root);
        if (all.length === 0) break;
        const [holder, key] = all[c.at % all.length] as [Record<string, unknown>, string];
        // Reflect: a frozen or odd holder refuses the change instead of throwing.
        if (c.how === 'remove') Reflect.deleteProperty(holder, key);
        else if (c.how === 'replace') Reflect.set(holder, key, c.value);
        else {
          const target = holder[key];
          if (typeof target === 'object' && target !== null && !ArrayBuffer.isView(target)) {
            const property = {
              value: c.value,
              enumerable: true,
              writable: true,
              configurable: true,
            };
            Reflect.defineProperty(target, c.key, property);
          } else Reflect.set(holder, key, c.value);
        }
      }
      return root.value;
    });
}

type Call = { op: unknown; payload: unknown } | { forged: Uint8Array };

const knownCall: fc.Arbitrary<Call> = fc.constantFrom(...OPERATION_NAMES).chain((op) => {
  const valid = arbitraryFor(operations[op].request as never, { ids });
  return fc
    .oneof(
      { weight: 5, arbitrary: valid },
      { weight: 4, arbitrary: broken(valid) },
      { weight: 1, arbitrary: junk },
    )
    .map((payload) => ({ op, payload }));
});
const unknownCall: fc.Arbitrary<Call> = fc.record({
  op: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'wirebench:send', ''),
    fc.string({ maxLength: 80 }),
    fc.constantFrom(...OPERATION_NAMES).map((n) => n.toUpperCase()),
    junk,
  ),
  payload: junk,
});
/** What no encoder writes: random bytes, a good message cut short or with bytes flipped. */
const forgedCall: fc.Arbitrary<Call> = fc
  .oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc
      .tuple(knownCall, fc.nat(), fc.nat({ max: 255 }), fc.boolean())
      .map(([call, at, byte, cut]) => {
        let bytes: Uint8Array;
        try {
          bytes = encodeMessage({ kind: 'call', id: 1, ...call });
        } catch {
          return Uint8Array.of(at & 0xff, byte); // JSON could not carry it
        }
        const i = at % bytes.byteLength;
        if (cut) return bytes.subarray(0, i);
        const flipped = bytes.slice();
        flipped[i] = byte;
        return flipped;
      }),
  )
  .map((forged) => ({ forged }));

const anyCall = fc.oneof(
  { weight: 16, arbitrary: knownCall },
  { weight: 2, arbitrary: unknownCall },
  { weight: 2, arbitrary: forgedCall },
);

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
  expect(code, `${name}: ${String(result.error?.message)}`).not.toBe('internal');
  expect(typeof result.error?.message).toBe('string');
  const message = result.error!.message as string;
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
