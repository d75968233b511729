import type { AutomationProblem } from './automation-errors';
import { MAX_DIAGNOSTICS, type ScriptDiagnostic, type SourceSpan } from './script-ast';

/**
 * The line being parsed and the diagnostics gathered so far. Every report
 * is clamped into its line (at least one character wide), so a marker
 * always lands on text Monaco can show.
 */
export class LineContext {
  readonly diagnostics: ScriptDiagnostic[] = [];
  text = '';
  lineNo = 0;

  at(text: string, lineNo: number): void {
    this.text = text;
    this.lineNo = lineNo;
  }

  /** Reports a problem over [start, end) of the current line (0-based offsets). */
  report(
    start: number,
    end: number,
    p: AutomationProblem,
    severity: ScriptDiagnostic['severity'] = 'error',
  ): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    const length = this.text.length;
    const column = Math.max(0, Math.min(start, length - 1));
    const endColumn = Math.max(column + 1, Math.min(end, length));
    this.diagnostics.push({
      ...p,
      severity,
      line: this.lineNo,
      column: column + 1,
      endColumn: endColumn + 1,
    });
  }

  /** Reports on another line (an unclosed repeat's), then comes back. */
  reportOn(
    text: string,
    lineNo: number,
    start: number,
    end: number,
    p: AutomationProblem,
    severity: ScriptDiagnostic['severity'] = 'error',
  ): void {
    const [here, hereNo] = [this.text, this.lineNo];
    this.at(text, lineNo);
    this.report(start, end, p, severity);
    this.at(here, hereNo);
  }

  span(start: number, end: number): SourceSpan {
    return { line: this.lineNo, column: start + 1, endColumn: Math.max(start + 1, end) + 1 };
  }
}
