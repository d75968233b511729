import {
  flattenStatements,
  isRunnable,
  type ParsedScript,
} from '../../../shared/automation/script-ast';
import { parseScript } from '../../../shared/automation/script-parser';
import type { ScriptProblem } from '../../../shared/contract/automation';
import { linearRegex } from './linear-regex';

export interface ScriptCheck {
  /** The script, when it can run. */
  script: ParsedScript | null;
  problems: ScriptProblem[];
}

/**
 * A sequence's script as main will run it: the parser's diagnostics, and
 * for each `expect regex` whether the main process may run that regex
 * (linear-regex.ts), which the window cannot know for itself.
 */
export function checkScript(source: string): ScriptCheck {
  const parsed = parseScript(source);
  const problems: ScriptProblem[] = parsed.diagnostics.map((d) => ({
    line: d.line,
    column: d.column,
    endColumn: d.endColumn,
    severity: d.severity,
    message: { code: d.code, params: d.params } as ScriptProblem['message'],
  }));
  for (const s of flattenStatements(parsed.statements)) {
    if (s.kind !== 'expect' || s.pattern.as !== 'regex') continue;
    const made = linearRegex(s.pattern.source, s.pattern.flags);
    if (!made.ok) problems.push({ ...s.span, severity: 'error', message: made.problem });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const runnable = isRunnable(parsed) && !problems.some((p) => p.severity === 'error');
  return { script: runnable ? parsed : null, problems };
}
