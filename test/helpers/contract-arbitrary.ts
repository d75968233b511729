import fc from 'fast-check';
import type { z } from 'zod';
import { host, id } from '../../src/shared/contract';

/**
 * fast-check arbitraries drawn from the contract's zod schemas: values that
 * mostly pass (so requests reach the handlers), with the bounds of each
 * field (min, max, exact lengths) favoured, for the router's property test.
 * Covers the zod kinds the contract uses; anything else becomes any JSON.
 */
export interface ArbitraryOptions {
  /** What an `id` field draws from besides random valid ids (e.g. live endpoint ids). */
  ids: fc.Arbitrary<string>;
}

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (schema: z.ZodType): CheckDef[] =>
  (defOf(schema).checks ?? []).map((c) => c._zod.def);

const HOSTS = ['127.0.0.1', '::1', '[::1]', 'localhost', '0.0.0.0', '::', 'example.invalid'];

export function arbitraryFor(schema: z.ZodType, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (schema === (id as z.ZodType)) {
    return fc.oneof(options.ids, fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/));
  }
  if (schema === (host as z.ZodType)) return fc.oneof(fc.constantFrom(...HOSTS), fc.domain());
  const def = defOf(schema);
  const checks = checksOf(schema);
  const min = (name: string) => checks.find((c) => c.check === name);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        model[key] = arbitraryFor(field, options);
        if (!['optional', 'default'].includes(defOf(field).type)) requiredKeys.push(key);
      }
      return fc.record(model, { requiredKeys });
    }
    case 'string': {
      const lo = min('min_length')?.minimum ?? 0;
      const hi = Math.min(min('max_length')?.maximum ?? 40, 300);
      const pattern = checks.find((c) => c.format === 'regex')?.pattern;
      const base = pattern
        ? matching(pattern)
        : fc.oneof(
            fc.string({ minLength: lo, maxLength: Math.min(hi, 40) }),
            fc.constant('x'.repeat(hi)),
          );
      return base.filter((s) => s.length >= lo && s.length <= hi);
    }
    case 'number': {
      const lo = min('greater_than')?.value ?? -1e9;
      const hi = min('less_than')?.value ?? 1e9;
      const int = checks.some((c) => c.format === 'safeint' || c.format === 'int32');
      const inside = int
        ? fc.integer({ min: Math.max(lo, -0x7fffffff), max: Math.min(hi, 0x7fffffff) })
        : fc.double({ min: lo, max: hi, noNaN: true });
      return fc.oneof(inside, fc.constantFrom(lo, hi, Math.min(Math.max(0, lo), hi)));
    }
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => arbitraryFor(o, options)));
    case 'optional':
    case 'default':
      return arbitraryFor(def.innerType as z.ZodType, options);
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, options), { nil: null });
    case 'array': {
      const hi = Math.min(min('max_length')?.maximum ?? 4, 4);
      return fc.array(arbitraryFor(def.element as z.ZodType, options), { maxLength: hi });
    }
    case 'record':
      return fc.dictionary(
        arbitraryFor(def.keyType as z.ZodType, options) as fc.Arbitrary<string>,
        arbitraryFor(def.valueType as z.ZodType, options),
        { maxKeys: 4 },
      );
    case 'custom': // bytes: the one custom schema
      return fc.oneof(
        { weight: 9, arbitrary: fc.uint8Array({ maxLength: 64 }) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: 0, max: 256 * 1024 }).map((n) => new Uint8Array(n)),
        },
      );
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Strings a pattern matches; fast-check cannot build them for lookaheads
 * (the rule flags' "each at most once"), so those get short strings of the
 * pattern's own characters and the schema sorts them out.
 */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(pattern);
  } catch {
    return fc.string({ maxLength: 4 });
  }
}
