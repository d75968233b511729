import {
  isAutomationProblem,
  problem,
  type AutomationProblem,
} from '../../../shared/automation/automation-errors';
import { messageOf } from '../system-errors';

/**
 * What automation talks to, kept small so the engine can wire it to an
 * Endpoint (a client, one peer of a server, all peers, a UDP remote) and a
 * test to a plain socket. Automation never holds a socket itself.
 */

/** Somewhere to send: a connection, or one peer (or all peers) of a listener. */
export interface SendTarget {
  /** Resolves when the bytes are handed to the kernel; rejects with why they were not. */
  send(bytes: Uint8Array): Promise<unknown>;
  /**
   * Aborted when the connection (or the peer) goes away, with why as its
   * reason: one of automation's messages (the engine's), or a sentence or an
   * Error (a plain socket's). Automation stops with that.
   */
  readonly closed: AbortSignal;
}

/** A target whose incoming bytes a sequence reads. */
export interface StreamTarget extends SendTarget {
  /** Every chunk received from the peer, in order; returns the unsubscribe. */
  onData(listener: (data: Uint8Array) => void): () => void;
}

/** Where auto-replies go: the peer that sent the message (a UDP datagram's sender). */
export interface ReplyTarget {
  /** `ruleId` is for the log, which marks a reply with the rule that sent it. */
  reply(peerId: string, bytes: Uint8Array, ruleId: string): Promise<unknown>;
  readonly closed: AbortSignal;
}

/** What an AbortSignal's reason says, as a detail for a sentence. */
export function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.name === 'AbortError' ? '' : reason.message;
  return typeof reason === 'string' ? reason : '';
}

export function closedProblem(signal: AbortSignal): AutomationProblem {
  const reason: unknown = signal.reason;
  if (isAutomationProblem(reason)) return reason;
  const detail = reasonText(reason);
  return detail ? problem('target-closed-because', { detail }) : problem('target-closed', {});
}

export function sendFailedProblem(err: unknown): AutomationProblem {
  return problem('send-failed', { reason: messageOf(err) });
}
