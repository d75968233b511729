import type { TabAutomation, TabLogView } from '../../shared/contract/workspace';
import type { Engine } from '../engine/engine';

/**
 * A tab's automation between the workspace and the engine's
 * AutomationManager, which is the source of truth for the rules that run:
 * a saved tab's auto-reply rules are armed again when it is restored (so
 * they answer as soon as the connection is opened, and enabled only if
 * they were), and what is saved is the rule list the manager holds.
 *
 * The periodic send and the sequence stay drafts, never started here: a
 * restart (or Open workspace…) must not start sending to a device unasked.
 */
export function armRules(
  engine: Engine,
  endpointId: string,
  automation: TabAutomation | undefined,
  log: Pick<TabLogView, 'framing' | 'encoding'>,
): void {
  const autoReply = automation?.autoReply;
  if (!autoReply || autoReply.rules.length === 0) return;
  try {
    // The rules see the messages the tab's log shows: its framing and encoding.
    engine.automation.setAutoReply(endpointId, {
      enabled: autoReply.enabled,
      rules: autoReply.rules,
      framing: log.framing,
      encoding: log.encoding,
    });
  } catch {
    // A relay runs no automation: its saved rules (from a hand-edited file) stay unused.
  }
}

/** The tab's automation as the window said it, with the rule list main runs in place of the window's. */
export function withArmedRules(
  engine: Engine,
  endpointId: string,
  automation: TabAutomation | undefined,
): TabAutomation | undefined {
  const held = engine.automation.snapshot().find((s) => s.endpointId === endpointId)?.autoReply;
  if (!held) return automation;
  return { ...automation, autoReply: { enabled: held.enabled, rules: held.ruleList } };
}
