import {
  inferRules,
  type ConversationMessage,
  type InferResult,
} from '../../shared/automation/rule-inference';
import type { WirebenchApi } from '../../shared/contract';
import { readSelectedRows, readViewRows, type SelectedRow } from '../log/selection';
import type { LogModel } from '../log/use-log-model';
import { filterIdOf, viewSpec } from '../store/log-pages/view-spec';

/** Most rows of a view one inference reads: a conversation, not a flood. */
export const MAX_CONVERSATION = 20_000;

/**
 * The conversation rules are made from, read from the main process: the
 * selected rows of the first one's peer, or with a single row selected,
 * that peer's rows among the first MAX_CONVERSATION the view shows. Either
 * way one peer's requests and responses, in order, each with all of its
 * bytes (READ_MAX in all at most).
 */
export async function readConversation(
  api: WirebenchApi,
  model: Pick<LogModel, 'endpointId' | 'ui' | 'scans'>,
): Promise<ConversationMessage[]> {
  const selected = (await readSelectedRows(api, model)).rows;
  const first = selected[0];
  if (!first) return [];
  const peerId = first.row.peerId;
  let rows: SelectedRow[] = selected;
  if (selected.length === 1) {
    const spec = viewSpec(model.endpointId, model.ui, filterIdOf(model.scans));
    const whole = await readViewRows(api, spec, {
      from: 0,
      to: Number.MAX_SAFE_INTEGER,
      maxRows: MAX_CONVERSATION,
      keep: (row) => row.peerId === peerId,
    });
    rows = whole.rows;
  }
  return rows
    .filter((r) => r.row.peerId === peerId)
    .slice(0, MAX_CONVERSATION)
    .map((r) => ({ dir: r.row.dir, data: r.bytes }));
}

let made = 0;

/** Rules inferred from a conversation, with ids no earlier inference used. */
export function rulesFrom(conversation: ConversationMessage[]): InferResult {
  return inferRules(conversation, { idPrefix: `i${Date.now().toString(36)}${made++}-` });
}
