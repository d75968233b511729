import type { Message } from '../../shared/framing/message-framer';
import type { LogModel } from './use-log-model';

/** Most messages a selection copies or exports at once. */
const MAX_SELECTED = 100_000;

/** The selected messages (a Shift range, or the one selected), in order, as the view shows them. */
export function selectedMessages(model: LogModel): Message[] {
  const { selected, anchor } = model.ui;
  if (selected === null) return [];
  const lo = Math.min(selected, anchor ?? selected);
  const hi = Math.min(Math.max(selected, anchor ?? selected), lo + MAX_SELECTED - 1);
  const out: Message[] = [];
  for (let o = lo; o <= hi; o++) {
    const m = model.log.at(o);
    if (m && model.rows.rowOf(o) >= 0) out.push(m);
  }
  return out;
}

/** The bytes of the selected messages, one after the other. */
export function selectedBytes(model: LogModel): Uint8Array | null {
  const messages = selectedMessages(model);
  if (messages.length === 0) return null;
  if (messages.length === 1) return messages[0]!.data;
  const out = new Uint8Array(messages.reduce((n, m) => n + m.data.length, 0));
  let at = 0;
  for (const m of messages) {
    out.set(m.data, at);
    at += m.data.length;
  }
  return out;
}

/** The chunk seq range the selection covers, for an export of the selection. */
export function selectedSeqRange(model: LogModel): { fromSeq: number; toSeq: number } | null {
  const messages = selectedMessages(model);
  if (messages.length === 0) return null;
  let fromSeq = Infinity;
  let toSeq = -1;
  for (const m of messages) {
    fromSeq = Math.min(fromSeq, m.seq);
    toSeq = Math.max(toSeq, m.lastSeq ?? m.seq);
  }
  return { fromSeq, toSeq };
}
