import type { StepEvent } from '../../main/engine/automation/sequence-runner';
import {
  flattenStatements,
  type ParsedScript,
  type Statement,
} from '../../shared/automation/script-ast';
import { sentenceOf } from '../messages';

/** One step of a run as the report shows it. */
export interface StepResult {
  step: number;
  line: number;
  /** The statement as written in the script. */
  text: string;
  state: 'passed' | 'failed' | 'not run';
  /** Time spent in the step over all its passes (ms). */
  ms: number;
  /** Passes that ended, for a step inside a repeat. */
  passes: number;
  failure?: { code: string; sentence: string };
}

/**
 * Follows a sequence run step by step (SequenceRun's onStep): how long each
 * step took over all its passes and how it ended, for the lines on stderr
 * and the JUnit report.
 */
export class StepRecord {
  readonly steps: StepResult[];
  private readonly statements: Statement[];
  private readonly started = new Map<number, number>();

  constructor(script: ParsedScript, source: string) {
    const lines = source.split(/\r\n|\n|\r/);
    this.statements = flattenStatements(script.statements);
    this.steps = this.statements.map((s) => ({
      step: s.step,
      line: s.span.line,
      text: (lines[s.span.line - 1] ?? '').slice(s.span.column - 1, s.span.endColumn - 1).trim(),
      state: 'not run',
      ms: 0,
      passes: 0,
    }));
  }

  /** Whether a step sits inside a repeat (its passes are many). */
  nested(step: number): boolean {
    const s = this.statements[step];
    return (
      s !== undefined && this.statements.some((r) => r.kind === 'repeat' && r.body.includes(s))
    );
  }

  /** Records an event; returns the step's result when the step just ended. */
  note(event: StepEvent): StepResult | null {
    const result = this.steps[event.step];
    if (!result) return null;
    if (event.state === 'running') {
      this.started.set(event.step, performance.now());
      return null;
    }
    if (event.state === 'pending') return null;
    const began = this.started.get(event.step);
    if (began !== undefined) result.ms += performance.now() - began;
    this.started.delete(event.step);
    result.passes++;
    result.state = event.state;
    if (event.problem)
      result.failure = { code: event.problem.code, sentence: sentenceOf(event.problem) };
    return result;
  }
}

/** `line 4: expect text OK within 500`. */
export function describeStep(result: StepResult): string {
  return `line ${result.line}: ${result.text}`;
}
