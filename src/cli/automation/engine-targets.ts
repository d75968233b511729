import type { ReplyTarget, StreamTarget } from '../../main/engine/automation/automation-target';
import type { CliSession } from '../session/cli-session';

/**
 * Automation's small target interfaces (automation-target.ts) over the
 * session's one endpoint: sends go through Engine.send, so they are counted,
 * logged and captured like every other byte; what arrives comes from the
 * engine's recorded chunks.
 *
 * (The app's AutomationManager, owned by the Engine, will do this wiring for
 * the app; when it lands, these adapters should give way to it.)
 */

/** What a target keeps for a reader that has not subscribed yet (a sequence keeps 1 MiB too). */
const MAX_EARLY_BYTES = 1024 * 1024;

/**
 * One conversation as a sequence's or a periodic sender's target: the
 * client's connection (peerId null), or one peer of a listener. It goes away
 * when the peer sends FIN or closes, or the endpoint closes; received bytes
 * are kept from the moment the target exists until someone reads them.
 */
export function conversationTarget(session: CliSession, peerId: string | null): StreamTarget {
  const closed = new AbortController();
  const listeners = new Set<(data: Uint8Array) => void>();
  let early: Uint8Array[] | null = [];
  let earlyBytes = 0;
  const stopData = session.onChunk((chunk) => {
    if (chunk.dir !== 'rx' || (peerId !== null && chunk.peerId !== peerId)) return;
    if (early && earlyBytes < MAX_EARLY_BYTES) {
      early.push(chunk.data.slice());
      earlyBytes += chunk.data.byteLength;
    }
    for (const l of listeners) l(chunk.data);
  });
  const label = peerId === null ? 'the peer' : session.peerLabel(peerId);
  const stopWatch = session.watch.add({
    halfClosed: (p) => {
      if (peerId === null || p.id === peerId) closed.abort(`${label} closed the connection`);
    },
    gone: (p) => {
      if (peerId === null || p.id === peerId) closed.abort(`${label} disconnected`);
    },
    state: (state, message) => {
      if (state === 'closed' || state === 'failed' || (peerId === null && state === 'half-closed'))
        closed.abort(message ?? 'the connection closed');
    },
  });
  closed.signal.addEventListener('abort', () => stopWatch(), { once: true });
  return {
    send: (bytes) => session.engine.send(session.id, peerId ?? undefined, bytes),
    closed: closed.signal,
    onData(listener) {
      // Whatever came before the first reader subscribed is handed over first.
      if (early) {
        for (const data of early) listener(data);
        early = null;
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && closed.signal.aborted) stopData();
      };
    },
  };
}

/** Where auto-replies go: back to the peer that sent the message, until the endpoint closes. */
export function replyTarget(
  session: CliSession,
  onReply?: (peerId: string, ruleId: string) => void,
): ReplyTarget {
  const closed = new AbortController();
  session.watch.add({
    state: (state, message) => {
      if (state === 'closed' || state === 'failed')
        closed.abort(message ?? 'the connection closed');
    },
  });
  return {
    reply: async (peerId, bytes, ruleId) => {
      const result = await session.engine.send(session.id, peerId, bytes);
      onReply?.(peerId, ruleId);
      return result;
    },
    closed: closed.signal,
  };
}
