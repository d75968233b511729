import fc from 'fast-check';
import { OPERATION_NAMES, operations } from '../../src/shared/contract';
import { encodeMessage } from '../../src/shared/wire/binary-json';
import { arbitraryFor } from './contract-arbitrary';

/**
 * Requests a hostile or careless page could send, for the router's property
 * test: known operations with requests drawn from the contract, the same
 * broken at a random place, junk (boundary values, anything, deep, huge),
 * unknown operation names, and forged or damaged messages.
 */

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

/** A call as a page would send it, or bytes no encoder wrote. */
export type Call = { op: unknown; payload: unknown } | { forged: Uint8Array };

/**
 * Every kind of call, weighted: mostly known operations (so requests reach
 * the handlers), then unknown names and forged bytes. `ids` is what an id
 * field draws from besides random ids (e.g. markers for live endpoints).
 */
export function hostileCalls(ids: fc.Arbitrary<string>): fc.Arbitrary<Call> {
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
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'wirebench:send',
        '',
      ),
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

  return fc.oneof(
    { weight: 16, arbitrary: knownCall },
    { weight: 2, arbitrary: unknownCall },
    { weight: 2, arbitrary: forgedCall },
  );
}
