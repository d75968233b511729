import {
  inferRules,
  type ConversationMessage,
  type InferResult,
} from '../../shared/automation/rule-inference';
import type { Message } from '../../shared/framing/message-framer';
import type { LogModel } from '../log/use-log-model';

/** Most messages one inference looks at: a conversation, not a flood. */
export const MAX_CONVERSATION = 20_000;

/**
 * The conversation rules are made from: the selected messages of the first
 * one's peer, or with a single message selected, every message of that
 * peer the view shows. Either way one peer's requests and responses, in order.
 */
export function conversationOf(selected: Message[], model: LogModel): ConversationMessage[] {
  const first = selected[0];
  if (!first) return [];
  let messages = selected;
  if (selected.length === 1) {
    messages = [];
    for (let r = 0; r < model.rows.count && messages.length < MAX_CONVERSATION; r++) {
      const m = model.log.at(model.rows.ordinalAt(r));
      if (m) messages.push(m);
    }
  }
  return messages
    .filter((m) => m.peerId === first.peerId)
    .slice(0, MAX_CONVERSATION)
    .map((m) => ({ dir: m.dir, data: m.data }));
}

let made = 0;

/** Rules inferred from a conversation, with ids no earlier inference used. */
export function rulesFrom(conversation: ConversationMessage[]): InferResult {
  return inferRules(conversation, { idPrefix: `i${Date.now().toString(36)}${made++}-` });
}
