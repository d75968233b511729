import dgram from 'node:dgram';
import type {
  Disturbance,
  RelayDirection,
  RelayEndpointInfo,
  RelaySpec,
} from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort, isIPv6, unbracket } from '../../../shared/net/address';
import type { EndpointContext, PeerRecord } from '../endpoint';
import { EndpointError, describeSocketError } from '../system-errors';
import { queueFull, sessionCap } from './relay-errors';
import { DelayQueue, QUEUE_LIMIT_BYTES, QUEUE_LIMIT_DATAGRAMS } from './udp-delay-queue';
import { closeSession, openSession, type UdpSession } from './udp-relay-session';
import { UdpSessionTable } from './udp-session-table';

export interface UdpRelayHooks {
  data(peer: PeerRecord, direction: RelayDirection, data: Buffer): void;
  dropped(direction: RelayDirection, datagrams: number): void;
  /** A device's session began, its upstream changed, or it ended. */
  joined(peer: PeerRecord): void;
  peerChanged(peer: PeerRecord): void;
  left(peer: PeerRecord): void;
  notice(level: 'info' | 'warning', message: MessageRef): void;
  disturbance(direction: RelayDirection): Disturbance;
}

/** At most this many device addresses get their own upstream socket at once. */
export const MAX_SESSIONS = 1024;

type PerDirection = Record<RelayDirection, number>;
const DIRECTIONS: RelayDirection[] = ['device-to-server', 'server-to-device'];

/**
 * The UDP side of the relay: one socket where devices send, and per device
 * address one socket connected to the target, so the server's replies find
 * their way back to the device that asked. Each datagram stays one datagram
 * (or the N datagrams a split makes of it); a drop percentage loses some.
 * A session owns what waits for it in the delay queues: when it ends (the
 * user forgets it, it is idle, a new device needs its place, the relay
 * closes) its datagrams are taken out and counted as dropped.
 */
export class UdpRelay {
  private socket: dgram.Socket | null = null;
  private readonly sessions: UdpSessionTable;
  private readonly queues: Record<RelayDirection, DelayQueue<UdpSession>>;
  /** Bytes and datagrams of every session's held until its upstream socket is ready. */
  private waitingBytes = 0;
  private waitingDatagrams = 0;
  private expired = 0;
  private readonly queueFull: PerDirection = { 'device-to-server': 0, 'server-to-device': 0 };
  private readonly warnedFull = { 'device-to-server': false, 'server-to-device': false };
  private warnedCap = false;
  private readonly now = (): number => performance.now();

  constructor(
    private readonly spec: RelaySpec,
    private readonly ctx: EndpointContext,
    private readonly hooks: UdpRelayHooks,
  ) {
    this.sessions = new UdpSessionTable(spec.idleTimeoutMs, (s) => this.end(s, true), this.now);
    const queue = (direction: RelayDirection) =>
      new DelayQueue<UdpSession>((s, data, start, end) =>
        this.deliver(s, direction, data, start, end),
      );
    this.queues = {
      'device-to-server': queue('device-to-server'),
      'server-to-device': queue('server-to-device'),
    };
  }

  /** Binds `port` (the spec's unless the relay is opened again on the port it had). */
  async open(port = this.spec.port): Promise<{ address: string; port: number }> {
    const host = unbracket(this.spec.host);
    const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => {
        socket.close();
        reject(new EndpointError(describeSocketError(err, { action: 'bind', host, port })));
      });
      socket.bind(port, host, () => resolve());
    });
    socket.removeAllListeners('error');
    socket.on('error', (err) =>
      this.hooks.notice('warning', msg('relay.socket-error', { detail: err.message })),
    );
    socket.on('message', (msg, rinfo) => this.fromDevice(msg, rinfo));
    this.socket = socket;
    return socket.address();
  }

  private fromDevice(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const key = formatHostPort(rinfo.address, rinfo.port);
    let session = this.sessions.get(key);
    if (session) this.sessions.touch(session);
    else session = this.startSession(rinfo);
    this.hooks.data(session.peer, 'device-to-server', msg);
    this.forward(session, 'device-to-server', msg);
  }

  private startSession(rinfo: dgram.RemoteInfo): UdpSession {
    if (this.sessions.size >= MAX_SESSIONS) {
      const stalest = this.sessions.stalest();
      if (stalest) this.end(stalest, true);
      if (!this.warnedCap) {
        this.warnedCap = true;
        this.hooks.notice('warning', sessionCap(MAX_SESSIONS, this.spec.idleTimeoutMs));
      }
    }
    const session = openSession(
      this.spec,
      {
        id: this.ctx.nextPeerId(),
        address: rinfo.address,
        port: rinfo.port,
        since: this.ctx.clock(),
        now: this.now(),
      },
      {
        fromServer: (s, msg) => {
          this.sessions.touch(s);
          this.hooks.data(s.peer, 'server-to-device', msg);
          this.forward(s, 'server-to-device', msg);
        },
        connected: (s) => {
          for (const datagram of this.takeWaiting(s)) this.sendUpstream(s, datagram);
          this.hooks.peerChanged(s.peer);
        },
        failed: (s, message) => {
          if (s.failed && s.waiting.length > 0) {
            this.hooks.dropped('device-to-server', this.takeWaiting(s).length);
          }
          this.hooks.notice('warning', message);
          this.hooks.peerChanged(s.peer);
        },
      },
    );
    this.sessions.add(session);
    this.hooks.joined(session.peer);
    return session;
  }

  /** Applies the direction's disturbance, then sends or queues what survives. */
  private forward(session: UdpSession, direction: RelayDirection, data: Buffer): void {
    const d = this.hooks.disturbance(direction);
    if (d.dropPercent > 0 && Math.random() * 100 < d.dropPercent) {
      this.hooks.dropped(direction, 1);
      return;
    }
    const queue = this.queues[direction];
    if (queue.send(session, data, d)) {
      if (queue.queuedBytes < queue.limitBytes / 2) this.warnedFull[direction] = false;
      return;
    }
    this.overflow(direction);
  }

  private overflow(direction: RelayDirection): void {
    this.queueFull[direction]++;
    this.hooks.dropped(direction, 1);
    if (this.warnedFull[direction]) return;
    this.warnedFull[direction] = true;
    this.hooks.notice('warning', queueFull(direction, QUEUE_LIMIT_BYTES));
  }

  /** One piece leaves; a send that fails says so instead of throwing from a timer. */
  private deliver(
    session: UdpSession,
    direction: RelayDirection,
    data: Buffer,
    start: number,
    end: number,
  ): void {
    if (session.ended) return;
    if (direction === 'server-to-device') {
      try {
        this.socket?.send(data, start, end - start, session.peer.port, session.peer.address);
      } catch (err) {
        this.sendFailed(session, err, session.peer.address, session.peer.port);
      }
    } else if (session.connected) {
      this.sendUpstream(session, data.subarray(start, end));
    } else if (session.failed) {
      this.hooks.dropped('device-to-server', 1);
    } else if (
      this.waitingBytes + (end - start) > QUEUE_LIMIT_BYTES ||
      // Empty datagrams weigh nothing in bytes: their count is bounded as the delay queue's is.
      this.waitingDatagrams >= QUEUE_LIMIT_DATAGRAMS
    ) {
      this.overflow('device-to-server');
    } else {
      session.waiting.push(data.subarray(start, end));
      session.waitingBytes += end - start;
      this.waitingBytes += end - start;
      this.waitingDatagrams++;
    }
  }

  /** Takes out what a session held for its upstream socket, and forgets it in the totals. */
  private takeWaiting(session: UdpSession): Buffer[] {
    const taken = session.waiting;
    this.waitingBytes -= session.waitingBytes;
    this.waitingDatagrams -= taken.length;
    session.waiting = [];
    session.waitingBytes = 0;
    return taken;
  }

  private sendUpstream(session: UdpSession, data: Buffer): void {
    try {
      session.upstream.send(data);
    } catch (err) {
      this.sendFailed(session, err, this.spec.targetHost, this.spec.targetPort);
    }
  }

  /** A send Node refused at once (a socket closing under it): said, never thrown from a timer. */
  private sendFailed(session: UdpSession, err: unknown, host: string, port: number): void {
    const reason = describeSocketError(err, { action: 'send', host, port });
    this.hooks.notice('warning', msg('relay.session-failed', { peer: session.key, reason }));
  }

  /** Ends a session and everything it owns: its socket, its queued datagrams (counted as dropped). */
  private end(session: UdpSession, expired: boolean): void {
    if (session.ended) return;
    const lost: PerDirection = {
      'device-to-server':
        this.queues['device-to-server'].drop(session) + this.takeWaiting(session).length,
      'server-to-device': this.queues['server-to-device'].drop(session),
    };
    closeSession(session);
    this.sessions.remove(session);
    if (expired) this.expired++;
    for (const direction of DIRECTIONS) {
      if (lost[direction] > 0) this.hooks.dropped(direction, lost[direction]);
    }
    if (this.sessions.size < MAX_SESSIONS / 2) this.warnedCap = false;
    this.hooks.left(session.peer);
  }

  inject(peerId: string, direction: RelayDirection, data: Buffer): number {
    const session = this.sessions.byPeerId(peerId);
    if (!session)
      throw new EndpointError(msg('relay.device-unknown', { peer: peerId }), 'not-found');
    this.sessions.touch(session);
    this.hooks.data(session.peer, direction, data);
    this.forward(session, direction, data);
    return data.byteLength;
  }

  forget(peerId: string): boolean {
    const session = this.sessions.byPeerId(peerId);
    if (!session) return false;
    this.end(session, false);
    return true;
  }

  stats(): NonNullable<RelayEndpointInfo['udp']> {
    return {
      sessions: this.sessions.size,
      maxSessions: MAX_SESSIONS,
      idleTimeoutMs: this.spec.idleTimeoutMs,
      expired: this.expired,
      queueLimitBytes: QUEUE_LIMIT_BYTES,
      queuedBytes: {
        'device-to-server': this.queues['device-to-server'].queuedBytes + this.waitingBytes,
        'server-to-device': this.queues['server-to-device'].queuedBytes,
      },
      queueFull: { ...this.queueFull },
    };
  }

  async close(): Promise<void> {
    for (const queue of Object.values(this.queues)) queue.clear();
    for (const session of this.sessions.list()) closeSession(session);
    this.sessions.clear();
    this.waitingBytes = 0;
    this.waitingDatagrams = 0;
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
