import type net from 'node:net';
import type { MessageRef } from '../../../shared/messages/catalogue';
import { describeDescriptorsBack, describeDescriptorsShort } from '../system-errors';
import { descriptorOf, type DescriptorBudget } from './descriptor-budget';

/** While refusing, how often the descriptors are counted again to see whether some came back. */
const RECHECK_MS = 500;
/**
 * Peers that come and go at the limit would start and end a refusal every
 * second; past the first, a listener says so at most this often (the count
 * in its info keeps going up regardless).
 */
const NOTICE_EVERY_MS = 60_000;

export interface AcceptGuardHooks {
  notice(level: 'info' | 'warning', message: MessageRef): void;
  changed(): void;
  /** The listener's address, for the messages. */
  where(): string;
}

/**
 * Keeps a listener from accepting the process's last file descriptors.
 * Once they run out, libuv accepts each new peer and closes it at once,
 * and nobody hears of it. Instead, when an accept leaves no more than the
 * reserve, the listener refuses further peers through Node
 * (`maxConnections`, whose `'drop'` event lets each refusal be counted),
 * says so once with the limit, and accepts again when descriptors come back.
 */
export class AcceptGuard {
  /** Peers refused for want of descriptors since the listener opened. */
  refused = 0;
  private refusing = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly normalMax: number;
  /** Whether this refusal was announced (so its end is too), and when the next may be. */
  private announced = false;
  private quietUntil = -Infinity;

  constructor(
    private readonly server: net.Server,
    private readonly budget: DescriptorBudget,
    private readonly hooks: AcceptGuardHooks,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.normalMax = server.maxConnections;
    server.on('connection', (socket: net.Socket) => {
      if (!this.refusing && budget.exhausted(descriptorOf(socket))) this.startRefusing();
    });
    server.on('drop', () => this.refuse());
  }

  /** accept() itself failed with EMFILE/ENFILE (libuv could not even close the peer politely). */
  acceptFailed(): void {
    this.refuse();
  }

  private refuse(): void {
    this.refused++;
    if (!this.refusing) this.startRefusing();
    this.hooks.changed();
  }

  private startRefusing(): void {
    this.refusing = true;
    // Node refuses while the listener has this many peers or more. Zero would
    // mean "no limit", so one: at most one more peer takes a reserved descriptor.
    this.server.maxConnections = 1;
    this.announced = this.now() >= this.quietUntil;
    if (this.announced) {
      this.quietUntil = this.now() + NOTICE_EVERY_MS;
      this.hooks.notice(
        'warning',
        describeDescriptorsShort(this.hooks.where(), this.budget.usage()),
      );
    }
    this.timer = setInterval(() => this.recheck(), RECHECK_MS);
    this.timer.unref();
  }

  private recheck(): void {
    // Counted off the loop: the process holds thousands of descriptors by now.
    void this.budget.recount().then((exhausted) => {
      if (exhausted || !this.refusing) return;
      this.backToAccepting();
    });
  }

  private backToAccepting(): void {
    this.stopRefusing();
    if (this.announced) {
      this.hooks.notice('info', describeDescriptorsBack(this.hooks.where(), this.refused));
    }
    this.hooks.changed();
  }

  private stopRefusing(): void {
    this.refusing = false;
    this.server.maxConnections = this.normalMax;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The listener closed: no timer outlives it. */
  dispose(): void {
    if (this.refusing) this.stopRefusing();
  }
}
