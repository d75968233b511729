import type { PayloadSpec } from '../payload/payload-spec';
import { formatOptions } from './payload-options';
import { DEFAULT_WITHIN_MS, type Statement } from './script-ast';

/**
 * Writes statements back as a script that parses to the same statements
 * (parseScript(printScript(s)) gives s again, positions aside): a repeat's
 * body indented two spaces, options in their canonical spelling, `within`
 * only when it is not the default.
 *
 * A payload must fit on one line of the script: a `#` in text is written
 * `\#`; a line break typed into a text payload becomes `\n`/`\r` (the same
 * bytes) when escapes are on; a hex payload's line breaks become spaces and
 * its `#`/`//` comments are dropped (the same bytes). Text that ends in a
 * `+word`, or has spaces at either end, cannot be written as it is; the
 * editor's `\x2B` and `\x20` say the same bytes.
 */
export function printScript(statements: Statement[], indent = ''): string {
  return statements.map((s) => printStatement(s, indent)).join('\n');
}

function printStatement(s: Statement, indent: string): string {
  switch (s.kind) {
    case 'send':
      return `${indent}send ${printPayload(s.payload)}`;
    case 'wait':
      return `${indent}wait ${s.ms}`;
    case 'repeat': {
      const body = printScript(s.body, `${indent}  `);
      return `${indent}repeat ${s.count}\n${body ? `${body}\n` : ''}${indent}end`;
    }
    case 'expect': {
      const within = s.withinMs === DEFAULT_WITHIN_MS ? '' : ` within ${s.withinMs}`;
      const p = s.pattern;
      const body =
        p.as === 'text'
          ? printPayload(p.payload)
          : p.as === 'regex'
            ? `regex /${p.source}/${p.flags}`
            : `hex ${p.pattern}`;
      return `${indent}expect ${body}${within}`;
    }
  }
}

function printPayload(spec: PayloadSpec): string {
  const source = spec.mode === 'hex' ? oneLineHex(spec.source) : oneLineText(spec);
  return [spec.mode, source, ...formatOptions(spec)].join(' ');
}

function oneLineText(spec: PayloadSpec): string {
  let out = spec.source.replace(/#/g, '\\#');
  if (spec.escapes) out = out.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return out;
}

function oneLineHex(source: string): string {
  if (!/[\r\n#]|\/\//.test(source)) return source;
  return source
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/(#|\/\/).*$/, ''))
    .join(' ')
    .trim();
}
