import { problem, type AutomationProblem } from '../../../shared/automation/automation-errors';
import type { PeriodicStatus } from '../../../shared/contract/automation';
import type { PayloadSpec } from '../../../shared/payload/payload-spec';
import { composeContext, type LoadedFiles } from './compose-context';
import { PeriodicSender, composeForSend } from './periodic-sender';

export interface PeriodicRequest {
  peerId?: string;
  spec: PayloadSpec;
  files: LoadedFiles;
  intervalMs: number;
  count: number | null;
}

/**
 * One connection's periodic send as the window sees it: the sender on its
 * monotonic grid, and its status (sends done, the next due time, how it
 * ended). `send` is the engine's Send path, so every byte is counted and
 * logged; `abort` is how the engine says the connection went away.
 */
export class PeriodicRun {
  private readonly closed = new AbortController();
  private readonly sender: PeriodicSender;
  private current: PeriodicStatus;

  constructor(
    readonly id: string,
    private readonly request: PeriodicRequest,
    send: (bytes: Uint8Array) => Promise<unknown>,
    private readonly onChange: (ended: boolean) => void,
  ) {
    const context = composeContext(request.files);
    this.sender = new PeriodicSender({
      intervalMs: request.intervalMs,
      count: request.count,
      compose: (index) => composeForSend(request.spec, { ...context, counter: index }),
      target: { send, closed: this.closed.signal },
      onProgress: (p) => {
        if (this.current.state !== 'running') return;
        this.current = { ...this.current, ...p };
        onChange(false);
      },
    });
    this.current = {
      state: 'running',
      peerId: request.peerId ?? null,
      intervalMs: request.intervalMs,
      count: request.count,
      sent: 0,
      skipped: 0,
      nextDueAt: null,
      reason: null,
    };
  }

  get status(): PeriodicStatus {
    return this.current;
  }

  get running(): boolean {
    return this.current.state === 'running';
  }

  /** The peer it sends to ('all' or one id), or undefined for the only one. */
  get peerId(): string | undefined {
    return this.request.peerId;
  }

  start(): void {
    this.sender.start().then((stop) => {
      const { sent, skipped } = stop;
      const base = { ...this.current, sent, skipped, nextDueAt: null };
      if (stop.reason === 'failed')
        this.current = { ...base, state: 'failed', reason: stop.problem };
      else if (stop.reason === 'stopped')
        this.current = { ...base, state: 'stopped', reason: problem('stopped', {}) };
      else this.current = { ...base, state: 'completed' };
      this.onChange(true);
    }, this.crashed);
  }

  /** A bug must end the run with a sentence, never reject where no one listens (Node would exit). */
  private readonly crashed = (err: unknown): void => {
    const detail = err instanceof Error ? err.message : String(err);
    this.current = {
      ...this.current,
      state: 'failed',
      nextDueAt: null,
      reason: problem('crashed', { detail }),
    };
    this.onChange(true);
  };

  /** The person stopped it. */
  stop(): void {
    this.sender.stop();
  }

  /** The connection (or the peer) went away: the run ends failed, with why. */
  abort(reason: AutomationProblem): void {
    if (!this.closed.signal.aborted) this.closed.abort(reason);
  }
}
