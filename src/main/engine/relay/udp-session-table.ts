import type { UdpSession } from './udp-relay-session';

/**
 * The UDP relay's sessions: by device address, least recently active
 * first (a datagram either way moves a session to the back), and by peer
 * id in the order devices first appeared (what the window lists). One
 * timer, set for the least recently active session's deadline, ends the
 * sessions that have been idle too long.
 */
export class UdpSessionTable {
  private readonly byKey = new Map<string, UdpSession>();
  private readonly byId = new Map<string, UdpSession>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleTimeoutMs: number,
    /** Ends an idle session; it calls remove() for it. */
    private readonly expire: (session: UdpSession) => void,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): UdpSession | undefined {
    return this.byKey.get(key);
  }

  byPeerId(id: string): UdpSession | undefined {
    return this.byId.get(id);
  }

  /** The session that has gone longest without a datagram. */
  stalest(): UdpSession | undefined {
    return this.byKey.values().next().value;
  }

  add(session: UdpSession): void {
    this.byKey.set(session.key, session);
    this.byId.set(session.peer.id, session);
    this.armIdle();
  }

  /** A datagram passed: the session goes to the back of the line. */
  touch(session: UdpSession): void {
    session.lastActive = this.now();
    if (this.byKey.get(session.key) !== session) return;
    this.byKey.delete(session.key);
    this.byKey.set(session.key, session);
  }

  remove(session: UdpSession): void {
    if (this.byKey.get(session.key) === session) this.byKey.delete(session.key);
    this.byId.delete(session.peer.id);
    if (this.byKey.size === 0) this.stopIdle();
  }

  /** In the order devices first appeared. */
  list(): UdpSession[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.stopIdle();
    this.byKey.clear();
    this.byId.clear();
  }

  private armIdle(): void {
    const oldest = this.stalest();
    if (this.idleTimer || !oldest) return;
    const wait = oldest.lastActive + this.idleTimeoutMs - this.now();
    this.idleTimer = setTimeout(
      () => {
        this.idleTimer = null;
        this.expireIdle();
      },
      Math.max(0, Math.ceil(wait)),
    );
  }

  private expireIdle(): void {
    const now = this.now();
    for (const session of this.byKey.values()) {
      if (now - session.lastActive < this.idleTimeoutMs) break;
      this.expire(session);
      // Whatever expire() did, this session must not be looked at again.
      this.remove(session);
    }
    this.armIdle();
  }

  private stopIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
