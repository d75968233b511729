import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, isMessageCode, type MessageCode } from '../../../src/shared/messages/catalogue';
import { UNPROVOKABLE } from '../../integration/messages/unprovokable';

/**
 * Every message of the catalogue is provoked for real and said in Chinese
 * somewhere (integration tests through the real engine and router, e2e
 * tests in Chromium with the UI in 简体中文), or is listed in
 * unprovokable.ts with the reason a test cannot make the system say it.
 * Read from the tests' source: the code as a literal argument of one of
 * the PROVING calls (each proves the code with expectChinese).
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROVING = [
  'provokes',
  'expectChinese',
  'saidInChinese',
  'refusedAs',
  'openError',
  'inChineseToo',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The string literals among the top-level arguments of the call that starts at `open` (its paren). */
function literalArguments(source: string, open: number): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = source.indexOf(c, i + 1);
      // A quote with no partner (an apostrophe in a comment): nothing more to read.
      if (end < 0) break;
      if (depth === 1 && c !== '`') out.push(source.slice(i + 1, end));
      i = end;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) break;
    }
  }
  return out;
}

/** Every catalogue code the tests under `dirs` provoke and say in Chinese, with where. */
function provoked(dirs: string[]): Map<MessageCode, string> {
  const found = new Map<MessageCode, string>();
  for (const file of dirs.flatMap((d) => files(path.join(ROOT, d)))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(new RegExp(`\\b(${PROVING.join('|')})\\(`, 'g'))) {
      for (const literal of literalArguments(source, (m.index ?? 0) + m[0].length - 1)) {
        if (isMessageCode(literal)) found.set(literal, path.relative(ROOT, file));
      }
    }
  }
  return found;
}

describe('every message is provoked for real and said in Chinese, or says why not', () => {
  const codes = Object.keys(catalogue) as MessageCode[];
  const proven = provoked(['test/unit', 'test/integration', 'test/e2e']);

  it('each code is provoked somewhere, or listed with its reason', () => {
    const missing = codes.filter((c) => !proven.has(c) && !(c in UNPROVOKABLE));
    expect(missing).toEqual([]);
  });

  it('a listed code is a code, has a reason, and is not provoked after all', () => {
    for (const [code, reason] of Object.entries(UNPROVOKABLE)) {
      expect(isMessageCode(code), code).toBe(true);
      expect(reason.length, code).toBeGreaterThan(20);
      expect(proven.get(code as MessageCode), `${code} is provoked: take it off the list`).toBe(
        undefined,
      );
    }
  });

  it('counts what is proven', () => {
    const listed = Object.keys(UNPROVOKABLE).length;
    // The numbers the report gives; a test, so that they are what the suite does.
    expect(proven.size + listed).toBe(codes.length);
    process.stdout.write(
      `messages: ${codes.length} codes, ${proven.size} provoked for real, ${listed} listed as not\n`,
    );
  });
});
