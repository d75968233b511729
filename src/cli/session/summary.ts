import type { Counters } from '../../shared/contract/endpoint';
import type { CaptureFileStatus } from '../../shared/contract/ops/capture-ops';
import { englishOf } from '../../shared/messages/plain-formats';

/**
 * The lines printed on stderr when a command ends (and on SIGINT): what
 * moved each way, where the capture went, and anything not shown.
 */

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function trafficSentence(counters: Counters, peers: number | null): string {
  const rx = `received ${plural(counters.rxBytes, 'byte')} in ${plural(counters.rxChunks, 'chunk')}`;
  const tx = `sent ${plural(counters.txBytes, 'byte')} in ${plural(counters.txChunks, 'chunk')}`;
  const who = peers === null ? '' : ` (${plural(peers, 'peer')})`;
  return `Summary: ${rx}, ${tx}${who}`;
}

export function captureSentence(status: CaptureFileStatus): string {
  const missed =
    status.missedChunks > 0
      ? `; ${plural(status.missedChunks, 'chunk')} (${plural(status.missedBytes, 'byte')}) missed because the disk fell behind`
      : '';
  const failed = status.error ? `; ${englishOf(status.error)}` : '';
  return `Capture: ${plural(status.chunks, 'chunk')} (${plural(status.payloadBytes, 'byte')} of payload) in ${status.path}${missed}${failed}`;
}

export function unfinishedFrameSentence(bytes: number): string {
  return `${plural(bytes, 'byte')} received at the end did not complete a message, so they were not shown`;
}

export function skippedOutputSentence(skipped: { writes: number; bytes: number }): string {
  return `${plural(skipped.bytes, 'byte')} of output (${plural(skipped.writes, 'write')}) were not printed because stdout fell behind; they were counted above`;
}

/** Every line of the summary, in order. */
export function summaryLines(options: {
  counters: Counters;
  peers: number | null;
  captures: CaptureFileStatus[];
  unfinishedBytes: number;
  skipped: { writes: number; bytes: number };
}): string[] {
  const lines = [trafficSentence(options.counters, options.peers)];
  for (const c of options.captures) lines.push(captureSentence(c));
  if (options.unfinishedBytes > 0) lines.push(unfinishedFrameSentence(options.unfinishedBytes));
  if (options.skipped.writes > 0) lines.push(skippedOutputSentence(options.skipped));
  return lines;
}
