import {
  describeProblem,
  problem,
  type AutomationProblem,
} from '../../../shared/automation/automation-errors';
import { composeWithCaptures, type Captures } from '../../../shared/automation/captures';
import { compileExpect, describeExpect } from '../../../shared/automation/expect-match';
import {
  flattenStatements,
  isRunnable,
  type ParsedScript,
  type Statement,
} from '../../../shared/automation/script-ast';
import type { ComposeContext } from '../../../shared/payload/compose';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import { formatHex } from '../../../shared/payload/hex-parse';
import { closedProblem, sendFailedProblem, type StreamTarget } from './automation-target';
import { awaitMatch } from './expect-wait';
import { linearRegex } from './linear-regex';
import { delay } from './precise-wait';
import { ReceiveBuffer } from './receive-buffer';
import { TargetRun } from './target-run';

/**
 * Runs a parsed sequence script against one connection (or one peer).
 *
 * Everything received from the moment the run starts is kept (receive-
 * buffer.ts): an `expect` matches the bytes received since the previous
 * expect matched, all of them together, so a reply split over several
 * chunks matches, and bytes that came after a match stay for the next
 * expect. `within` counts from the moment the expect starts.
 *
 * Captures: `{{$1}}`… are the last expect's groups ({{$0}} what it matched);
 * named regex groups `{{$name}}` stay set for the rest of the run.
 * `{{counter}}` is the number of sends so far in the run (from 0).
 *
 * Each step reports running, then passed or failed (a code and parameters);
 * a repeat's steps go back to pending at each pass. The run ends Passed, or
 * Failed at the first failure, which is also the outcome of stop().
 */

export type StepState = 'pending' | 'running' | 'passed' | 'failed';

export interface StepEvent {
  step: number;
  state: StepState;
  /** The pass (from 1) of each enclosing repeat, outermost first; [] outside any. */
  iteration: number[];
  problem?: AutomationProblem;
}

export type SequenceOutcome =
  | { result: 'passed' }
  | { result: 'failed'; step: number; iteration: number[]; problem: AutomationProblem };

export interface SequenceOptions {
  script: ParsedScript;
  target: StreamTarget;
  /** The connection's encoding: regex expects decode what was received in it. */
  encoding: TextEncodingName;
  onStep?(event: StepEvent): void;
  /** Clock, randomness and files for placeholders; the counter is the run's own. */
  context?: Omit<ComposeContext, 'counter'>;
}

class StepFailure extends Error {
  constructor(
    readonly step: number,
    readonly iteration: number[],
    readonly problem: AutomationProblem,
  ) {
    super(describeProblem(problem));
  }
}

const LAST_BYTES = 32;

/**
 * Steps that never wait (expects met by bytes already received, empty or
 * nested repeats of a million passes) would chain promises without end and
 * starve every socket and timer of the process: the run gives the event
 * loop a turn at least this often.
 */
const YIELD_EVERY_MS = 10;

/** `work`, or 'aborted' as soon as `signal` aborts; the listener never outlives the wait. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  let onAbort = (): void => undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** start() resolves with the outcome; stop() ends the run: the step in progress fails with `stopped`. */
export class SequenceRun extends TargetRun<SequenceOutcome> {
  private readonly buffer = new ReceiveBuffer();
  private readonly stepStates: StepState[];
  private numbered: Uint8Array[] = [];
  private readonly named: Record<string, Uint8Array> = {};
  private sends = 0;
  private lastYield = performance.now();

  constructor(private readonly options: SequenceOptions) {
    super(options.target.closed);
    if (!isRunnable(options.script)) throw new RangeError('The script has errors; fix them first');
    this.stepStates = flattenStatements(options.script.statements).map(() => 'pending');
  }

  /** Every step's state, by step number. */
  get states(): readonly StepState[] {
    return this.stepStates;
  }

  protected async run(): Promise<SequenceOutcome> {
    const unsubscribe = this.options.target.onData((data) => this.buffer.push(data));
    try {
      await this.block(this.options.script.statements, []);
      return { result: 'passed' };
    } catch (err) {
      if (!(err instanceof StepFailure)) throw err;
      return { result: 'failed', step: err.step, iteration: err.iteration, problem: err.problem };
    } finally {
      unsubscribe();
    }
  }

  private async block(statements: Statement[], iteration: number[]): Promise<void> {
    for (const s of statements) await this.step(s, iteration);
  }

  private async step(s: Statement, iteration: number[]): Promise<void> {
    await this.breathe();
    this.set(s.step, 'running', iteration);
    try {
      this.checkNotAborted(s.step, iteration);
      switch (s.kind) {
        case 'send':
          await this.send(s, iteration);
          break;
        case 'wait':
          if ((await delay(s.ms, this.stopper.signal)) === 'aborted')
            this.checkNotAborted(s.step, iteration);
          break;
        case 'expect':
          await this.expect(s, iteration);
          break;
        case 'repeat':
          for (let pass = 1; pass <= s.count; pass++) {
            await this.breathe();
            this.checkNotAborted(s.step, iteration);
            if (pass > 1)
              for (const inner of flattenStatements(s.body))
                this.set(inner.step, 'pending', [...iteration, pass]);
            await this.block(s.body, [...iteration, pass]);
          }
          break;
      }
    } catch (err) {
      // A failing step inside a repeat fails the repeat too, for the same reason.
      if (err instanceof StepFailure) this.set(s.step, 'failed', iteration, err.problem);
      throw err;
    }
    this.set(s.step, 'passed', iteration);
  }

  private async send(s: Extract<Statement, { kind: 'send' }>, iteration: number[]): Promise<void> {
    const composed = composeWithCaptures(s.payload, this.captures(), this.context());
    if (!composed.ok) throw new StepFailure(s.step, iteration, composed.problem);
    const sending = this.options.target.send(composed.bytes);
    this.sends++;
    sending.catch(() => undefined); // a send abandoned by stop() may still fail later
    try {
      if ((await untilAborted(sending, this.stopper.signal)) === 'aborted')
        this.checkNotAborted(s.step, iteration);
    } catch (err) {
      if (err instanceof StepFailure) throw err;
      const closed = this.options.target.closed;
      const why = closed.aborted ? closedProblem(closed) : sendFailedProblem(err);
      throw new StepFailure(s.step, iteration, why);
    }
  }

  private async expect(
    s: Extract<Statement, { kind: 'expect' }>,
    iteration: number[],
  ): Promise<void> {
    const compiled = compileExpect(
      s.pattern,
      this.captures(),
      this.options.encoding,
      this.context(),
      linearRegex,
    );
    if (!compiled.ok) throw new StepFailure(s.step, iteration, compiled.problem);
    const found = await awaitMatch(this.buffer, compiled.find, s.withinMs, this.stopper.signal);
    if (found === 'stopped') this.checkNotAborted(s.step, iteration);
    if (found === 'timeout' || found === 'stopped')
      throw new StepFailure(s.step, iteration, this.timeout(s));
    this.buffer.consume(found.end);
    this.numbered = found.captures.numbered;
    Object.assign(this.named, found.captures.named);
  }

  private timeout(s: Extract<Statement, { kind: 'expect' }>): AutomationProblem {
    const described = { ...describeExpect(s.pattern), withinMs: s.withinMs };
    if (this.buffer.length === 0) return problem('expect-timeout-silent', described);
    const last = this.buffer.last(LAST_BYTES);
    const lastBytesHex = formatHex(last, { bytesPerLine: 0 });
    return problem('expect-timeout', { ...described, lastBytesHex });
  }

  /** A turn of the event loop, when the run has kept it busy for YIELD_EVERY_MS. */
  private async breathe(): Promise<void> {
    if (performance.now() - this.lastYield < YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }

  /** Throws the failure a stop or a closed target means, if either happened. */
  private checkNotAborted(step: number, iteration: number[]): void {
    if (!this.stopper.signal.aborted) return;
    const closed = this.options.target.closed;
    const why =
      this.stoppedByUser || !closed.aborted ? problem('stopped', {}) : closedProblem(closed);
    throw new StepFailure(step, iteration, why);
  }

  private captures(): Captures {
    return { numbered: this.numbered, named: this.named };
  }

  private context(): ComposeContext {
    return { ...this.options.context, counter: this.sends };
  }

  private set(step: number, state: StepState, iteration: number[], why?: AutomationProblem): void {
    this.stepStates[step] = state;
    const event: StepEvent = { step, state, iteration };
    if (why) event.problem = why;
    this.options.onStep?.(event);
  }
}
