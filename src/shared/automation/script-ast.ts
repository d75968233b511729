import type { PayloadSpec } from '../payload/payload-spec';
import type { AutomationProblem } from './automation-errors';

/**
 * The sequence script language, one statement a line:
 *
 *     send text HELLO\r\n                 # the editor's text, escapes and all
 *     send hex 01 03 00 00 00 0A +crc16-modbus
 *     expect regex /TOKEN=(\w+)/ within 2000
 *     expect text OK within 500            # contains
 *     expect hex 01 03 ?? ?? within 1000   # a hex pattern, anywhere in what came
 *     wait 100
 *     repeat 3
 *       send text PING {{counter}}\n
 *       expect text PONG
 *     end
 *
 * Keywords are case-insensitive. `#` starts a comment anywhere, except
 * inside a regex and right after a backslash: `\#` is a literal `#` in a
 * payload. A payload runs to the end of the line (before the comment) with
 * its surrounding spaces trimmed (write `\x20` for one at an end); after it
 * come its options (`+crlf`, `+gbk`, `+crc16-modbus`, …; see
 * payload-options.ts) and, for expect, `within MS` (default 1000), in any
 * order. A last word starting with `+` is therefore always an option: write
 * `\x2B` for text that ends in one.
 */

/** Where something is: 1-based line and column, endColumn exclusive (Monaco's convention). */
export interface SourceSpan {
  line: number;
  column: number;
  endColumn: number;
}

export type ExpectPattern =
  /** The composed bytes occur somewhere in what was received. */
  | { as: 'text'; payload: PayloadSpec }
  /** A regex on what was received, decoded in the connection's encoding. */
  | { as: 'regex'; source: string; flags: string }
  /** A hex pattern (hex-pattern.ts) occurs somewhere in what was received. */
  | { as: 'hex'; pattern: string };

interface StatementBase {
  /** Index of the statement in source order (a repeat's body follows the repeat). */
  step: number;
  span: SourceSpan;
}

export type Statement =
  | (StatementBase & { kind: 'send'; payload: PayloadSpec })
  | (StatementBase & { kind: 'expect'; pattern: ExpectPattern; withinMs: number })
  | (StatementBase & { kind: 'wait'; ms: number })
  | (StatementBase & { kind: 'repeat'; count: number; body: Statement[] });

export type ScriptDiagnostic = AutomationProblem &
  SourceSpan & {
    /** A warning does not stop a run. */
    severity: 'error' | 'warning';
  };

export interface ParsedScript {
  statements: Statement[];
  diagnostics: ScriptDiagnostic[];
  /** How many statements (steps) there are, nested ones included. */
  stepCount: number;
}

export const DEFAULT_WITHIN_MS = 1000;
export const MAX_TIME_MS = 24 * 60 * 60 * 1000;
export const MAX_REPEAT = 1_000_000;
/** Beyond this many, more markers only bury the first one. */
export const MAX_DIAGNOSTICS = 100;

/** True when the script has no errors (warnings allowed), so it can run. */
export function isRunnable(script: ParsedScript): boolean {
  return !script.diagnostics.some((d) => d.severity === 'error');
}

/** Every statement in step order, nested ones included. */
export function flattenStatements(statements: Statement[]): Statement[] {
  const out: Statement[] = [];
  const walk = (list: Statement[]): void => {
    for (const s of list) {
      out.push(s);
      if (s.kind === 'repeat') walk(s.body);
    }
  };
  walk(statements);
  return out;
}
