import { problem, type AutomationProblem } from '../../../shared/automation/automation-errors';
import type { ParsedScript } from '../../../shared/automation/script-ast';
import type { SequenceStatus } from '../../../shared/contract/automation';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import { composeContext, type LoadedFiles } from './compose-context';
import { SequenceRun } from './sequence-runner';

/**
 * One sequence run as the window sees it: the runner against the engine's
 * Send path and the connection's received bytes, and its status (each
 * step's state, the iteration of the step in progress, how it ended).
 */
export class SequenceJob {
  private readonly closed = new AbortController();
  private readonly listeners = new Set<(data: Uint8Array) => void>();
  private readonly run: SequenceRun;
  private current: SequenceStatus;

  constructor(
    readonly id: string,
    /** The peer it talks to, or undefined for the only one. */
    readonly peerId: string | undefined,
    script: ParsedScript,
    encoding: TextEncodingName,
    files: LoadedFiles,
    send: (bytes: Uint8Array) => Promise<unknown>,
    private readonly onChange: (ended: boolean) => void,
  ) {
    this.run = new SequenceRun({
      script,
      encoding,
      context: composeContext(files),
      target: {
        send,
        closed: this.closed.signal,
        onData: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
      // Step states are read when the status goes out (paced), not copied per step.
      onStep: (e) => {
        this.current.iteration = e.iteration;
        onChange(false);
      },
    });
    this.current = { runId: id, state: 'running', steps: [], iteration: [], failure: null };
  }

  get status(): SequenceStatus {
    return { ...this.current, steps: [...this.run.states], iteration: [...this.current.iteration] };
  }

  get running(): boolean {
    return this.current.state === 'running';
  }

  start(): void {
    this.run.start().then((outcome) => {
      this.current =
        outcome.result === 'passed'
          ? { ...this.current, state: 'passed', iteration: [] }
          : {
              ...this.current,
              state: 'failed',
              iteration: outcome.iteration,
              failure: {
                step: outcome.step,
                iteration: outcome.iteration,
                message: outcome.problem,
              },
            };
      this.onChange(true);
    }, this.crashed);
  }

  /** A bug must end the run with a sentence, never reject where no one listens (Node would exit). */
  private readonly crashed = (err: unknown): void => {
    const detail = err instanceof Error ? err.message : String(err);
    const step = Math.max(0, this.run.states.indexOf('running'));
    const message = problem('crashed', { detail });
    const failure = { step, iteration: this.current.iteration, message };
    this.current = { ...this.current, state: 'failed', failure };
    this.onChange(true);
  };

  /** Bytes received from the peer it talks to. */
  feed(data: Uint8Array): void {
    for (const l of this.listeners) l(data);
  }

  stop(): void {
    this.run.stop();
  }

  /** The connection (or the peer) went away. */
  abort(reason: AutomationProblem): void {
    if (!this.closed.signal.aborted) this.closed.abort(reason);
  }
}
