import { msg } from '../../shared/messages/catalogue';
import { EndpointError } from './system-errors';

/**
 * The sends a window named (by `sendId`) while they run, so that any window
 * can cancel one: a send to a peer that never reads would otherwise never
 * end. A send is registered before its payload is composed, so a cancel
 * that comes while a big file is still being read is not lost.
 */
export class RunningSends {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` as send `sendId`; its signal fires if the send is cancelled. */
  async run<T>(sendId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(sendId)) {
      throw new EndpointError(msg('send.already-running', { sendId }), 'wrong-state');
    }
    const controller = new AbortController();
    this.running.set(sendId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(sendId);
    }
  }

  /** Cancels a running send; false when there is none by that id (it may have ended). */
  cancel(sendId: string): boolean {
    const controller = this.running.get(sendId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Every send stops: the engine is going. */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
