import { noReplyAfterError, peerClosedBeforeReply } from '../cli-errors';
import type { Traffic } from './traffic';

/**
 * `send --wait-reply`: a reply is the first message (as --framing cuts the
 * received bytes; one read by default) that arrives after the last send
 * began. The peer closing first, an error on the socket (a UDP peer's ICMP
 * "port unreachable"), or the time running out, is no reply.
 */
export interface ReplyWait {
  /** The last send is about to go: only what comes from now on is its reply. */
  markLastSend(): void;
  /** 'replied', or the sentence saying why not (null: the time ran out). */
  wait(ms: number): Promise<'replied' | string | null>;
}

export function waitForReply(traffic: Traffic): ReplyWait {
  let armed = false;
  let replied = false;
  let closed: string | null = null;
  let wake: (() => void) | null = null;
  traffic.messages.onMessage((m) => {
    if (m.dir !== 'rx' || !armed) return;
    replied = true;
    wake?.();
  });
  traffic.session.watch.add({
    state: (state) => {
      if (state === 'closed' || state === 'failed' || state === 'half-closed') {
        closed ??= peerClosedBeforeReply();
        wake?.();
      }
    },
  });
  traffic.session.onError(() => {
    if (!armed || replied) return;
    closed ??= noReplyAfterError();
    wake?.();
  });
  return {
    markLastSend: () => {
      armed = true;
      replied = false;
    },
    wait: (ms) =>
      new Promise((resolve) => {
        const settle = (): void => {
          clearTimeout(timer);
          wake = null;
          resolve(replied ? 'replied' : closed);
        };
        const timer = setTimeout(settle, ms);
        wake = settle;
        if (replied || closed) settle();
      }),
  };
}
