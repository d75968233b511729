import { PeriodicSender, composeForSend } from '../../main/engine/automation/periodic-sender';
import { RuleResponder } from '../../main/engine/automation/rule-responder';
import type { AutoReplyRule } from '../../shared/automation/rule-spec';
import { ruleCannotRun } from '../cli-errors';
import { composeContext } from '../payload-args';
import { sentenceOf } from '../messages';
import type { Traffic } from '../commands/traffic';
import { conversationTarget, replyTarget } from './engine-targets';
import type { AutomationChoice, PeriodicSend } from './workspace-file';

/**
 * A saved workspace's auto-reply rules and periodic send, run headless on the
 * command's endpoint by the engine's own RuleResponder and PeriodicSender:
 * a device simulator in one command. What they do is said on stderr; the
 * bytes they send show on stdout with the rest of the traffic.
 */
export class HeadlessAutomation {
  private responder: RuleResponder | null = null;
  private readonly senders = new Set<PeriodicSender>();

  constructor(private readonly traffic: Traffic) {}

  /**
   * Starts what the command line chose from the workspace: its rules, and its
   * periodic send (`perPeer`: to each peer of a listener, from when it connects).
   */
  start(choice: AutomationChoice, { perPeer }: { perPeer: boolean }): void {
    if (choice.rules) this.startRules(choice.rules);
    if (choice.periodic) this.startPeriodic(choice.periodic.name, choice.periodic.send, perPeer);
  }

  /** Answers every message (as --framing cuts them) by the first matching rule. */
  private startRules(rules: AutoReplyRule[]): void {
    const { session, terminal, choice } = this.traffic;
    const names = new Map(rules.map((r, i) => [r.id, r.name || `Rule ${i + 1}`]));
    const responder = new RuleResponder({
      rules,
      encoding: choice.encoding,
      framing: choice.framing,
      clock: session.clock,
      context: { randomBytes: composeContext(0).randomBytes },
      target: replyTarget(session, (peerId, ruleId) =>
        terminal.say(`${names.get(ruleId)} replied to ${session.peerLabel(peerId)}`),
      ),
      onProblem: (ruleId, p) =>
        terminal.say(ruleId === null ? sentenceOf(p) : `${names.get(ruleId)}: ${sentenceOf(p)}`),
    });
    for (const c of responder.compiled)
      if (!c.ok)
        terminal.say(ruleCannotRun(names.get(c.rule.id) ?? c.rule.id, sentenceOf(c.problem)));
    session.onChunk((chunk) => responder.receive(chunk));
    session.watch.add({ gone: (peer) => responder.forget(peer.id) });
    this.responder = responder;
  }

  /** Sends to the client's connection, or to each peer of a listener from when it connects. */
  private startPeriodic(name: string, periodic: PeriodicSend, perPeer: boolean): void {
    const { session } = this.traffic;
    if (!perPeer) {
      this.runPeriodic(name, periodic, null);
      return;
    }
    session.watch.add({ opened: (peer) => this.runPeriodic(name, periodic, peer.id) });
  }

  stop(): void {
    this.responder?.stop();
    for (const s of this.senders) s.stop();
  }

  private runPeriodic(name: string, periodic: PeriodicSend, peerId: string | null): void {
    const { session, terminal } = this.traffic;
    const where = peerId === null ? '' : ` to ${session.peerLabel(peerId)}`;
    const sender = new PeriodicSender({
      intervalMs: periodic.intervalMs,
      count: periodic.count,
      target: conversationTarget(session, peerId),
      compose: (index) => composeForSend(periodic.payload, composeContext(index)),
    });
    this.senders.add(sender);
    void sender.start().then((stop) => {
      this.senders.delete(sender);
      if (stop.reason === 'failed')
        terminal.say(
          `Periodic send ${name}${where} stopped after ${stop.sent} sends: ${sentenceOf(stop.problem)}`,
        );
      else if (stop.reason === 'completed')
        terminal.say(`Periodic send ${name}${where} is done: ${stop.sent} sent`);
    });
  }
}
