import { messagePrinter } from '../output/chunk-printer';
import { MessageStream } from '../output/message-stream';
import { CliSession } from '../session/cli-session';
import { summaryLines } from '../session/summary';
import type { Terminal } from '../terminal';
import type { EndpointState } from '../../shared/contract/endpoint';
import type { CliContext } from './command';
import type { OutputChoice } from './output-options';

/**
 * What every byte-moving command does around its own work: a session whose
 * traffic is printed as chosen, peers announced on stderr, a capture file
 * if asked, and the summary when it ends.
 */
export class Traffic {
  readonly session: CliSession;
  private stream: MessageStream | null = null;

  readonly terminal: Terminal;

  constructor(
    context: CliContext,
    readonly choice: OutputChoice,
  ) {
    this.terminal = context.terminal;
    this.session = new CliSession(context.terminal, {
      logBudgetBytes: choice.logBudgetBytes,
      interrupt: context.interrupt,
    });
  }

  /** The traffic as messages (cut by --framing), from the first time it is asked for. */
  get messages(): MessageStream {
    if (!this.stream) {
      const stream = new MessageStream(this.choice.framing, this.session.clock);
      this.session.onChunk((chunk) => stream.push(chunk));
      this.stream = stream;
    }
    return this.stream;
  }

  /**
   * Prints every chunk or message from now on and starts the capture, once
   * the endpoint is open (no read has happened before open() resolves).
   */
  show(): void {
    const { session, choice, terminal } = this;
    if (choice.capture !== undefined) session.startCapture(choice.capture);
    const { format } = choice;
    if (format === 'none') return;
    if (format === 'raw') {
      // The chunk's bytes live in the capture log's slabs, which are reused: where a
      // write may wait (stdout is asynchronous on some systems), it gets a copy.
      const copy = !terminal.writesAtOnce;
      session.onChunk((chunk) => {
        if (chunk.dir === 'rx') terminal.data(copy ? chunk.data.slice() : chunk.data);
      });
      return;
    }
    this.messages.onMessage(
      messagePrinter({
        format,
        encoding: choice.encoding,
        peerLabel: (id) => session.peerLabel(id),
        terminal,
      }),
    );
  }

  /** Says on stderr when a peer connects and when it goes. */
  announcePeers(): void {
    const { session, terminal } = this;
    session.watch.add({
      opened: (p) => terminal.say(`${session.peerLabel(p.id)} connected`),
      gone: (p) => terminal.say(`${session.peerLabel(p.id)} disconnected`),
    });
  }

  /**
   * Answers a peer's FIN with ours, after whatever is already queued for it
   * (a rule's reply included), so a conversation the peer ends is over, as
   * with ncat; the app instead keeps it half-open for the person to send.
   */
  closeOnFin(): void {
    const { session } = this;
    session.watch.add({ halfClosed: (p) => session.endpoint.endSending(p.id) });
  }

  /** Closes everything and prints the summary; `peers` in it unless told not to. */
  async finish(options: { countPeers: boolean } = { countPeers: true }): Promise<void> {
    const { session, terminal } = this;
    const opened = session.opened;
    await session.close();
    const unfinishedBytes = this.stream?.finish() ?? 0;
    if (!opened) return;
    for (const line of summaryLines({
      counters: session.endpoint.counters,
      peers: options.countPeers ? session.watch.total : null,
      captures: session.captures(),
      unfinishedBytes,
      skipped: terminal.skipped,
    }))
      terminal.say(line);
  }
}

/** Resolves when the session's endpoint is over (closed or failed), with how it ended. */
export function sessionEnded(
  traffic: Traffic,
): Promise<{ state: EndpointState; message: string | null }> {
  return new Promise((resolve) => {
    traffic.session.watch.add({
      state: (state, message) => {
        if (state === 'closed' || state === 'failed') resolve({ state, message });
      },
    });
  });
}
