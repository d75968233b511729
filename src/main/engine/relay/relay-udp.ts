import dgram from 'node:dgram';
import {
  emptyCounters,
  type Disturbance,
  type RelayDirection,
  type RelaySpec,
} from '../../../shared/contract';
import { formatHostPort, isIPv6, unbracket } from '../../../shared/net/address';
import type { EndpointContext, PeerRecord } from '../endpoint';
import { pieces } from './relay-cut';
import { EndpointError, describeSocketError } from '../system-errors';

export interface UdpRelayHooks {
  data(peer: PeerRecord, direction: RelayDirection, data: Buffer): void;
  dropped(direction: RelayDirection, datagrams: number): void;
  changed(): void;
  notice(level: 'info' | 'warning', message: string): void;
  disturbance(direction: RelayDirection): Disturbance;
}

/** At most this many device addresses get their own upstream socket at once. */
const MAX_SESSIONS = 1024;

interface Session {
  peer: PeerRecord;
  upstream: dgram.Socket;
  connected: boolean;
  /** Datagrams for the server that came before the upstream socket was ready. */
  waiting: Buffer[];
}

/**
 * The UDP side of the relay: one socket where devices send, and per device
 * address one socket connected to the target, so the server's replies find
 * their way back to the device that asked. Each datagram stays one datagram
 * (or the N datagrams a split makes of it); a drop percentage loses some.
 */
export class UdpRelay {
  private socket: dgram.Socket | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly spec: RelaySpec,
    private readonly ctx: EndpointContext,
    private readonly hooks: UdpRelayHooks,
  ) {}

  async open(): Promise<{ address: string; port: number }> {
    const host = unbracket(this.spec.host);
    const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => {
        socket.close();
        reject(
          new EndpointError(
            describeSocketError(err, { action: 'bind', host, port: this.spec.port }),
          ),
        );
      });
      socket.bind(this.spec.port, host, () => resolve());
    });
    socket.removeAllListeners('error');
    socket.on('error', (err) => this.hooks.notice('warning', `Relay socket: ${err.message}`));
    socket.on('message', (msg, rinfo) => this.fromDevice(msg, rinfo));
    this.socket = socket;
    return socket.address();
  }

  private fromDevice(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const key = formatHostPort(rinfo.address, rinfo.port);
    let session = this.sessions.get(key);
    if (!session) {
      if (this.sessions.size >= MAX_SESSIONS) {
        this.hooks.dropped('device-to-server', 1);
        return;
      }
      session = this.startSession(rinfo);
      this.sessions.set(key, session);
    }
    this.hooks.data(session.peer, 'device-to-server', msg);
    this.forward(session, 'device-to-server', msg);
  }

  private startSession(rinfo: dgram.RemoteInfo): Session {
    const target = unbracket(this.spec.targetHost);
    const upstream = dgram.createSocket(isIPv6(target) ? 'udp6' : 'udp4');
    const session: Session = {
      peer: {
        id: this.ctx.nextPeerId(),
        address: rinfo.address,
        port: rinfo.port,
        since: this.ctx.clock(),
        state: 'connected',
        counters: emptyCounters(),
        relay: { upstream: null, upstreamState: 'connecting' },
      },
      upstream,
      connected: false,
      waiting: [],
    };
    upstream.on('message', (msg) => {
      this.hooks.data(session.peer, 'server-to-device', msg);
      this.forward(session, 'server-to-device', msg);
    });
    upstream.on('error', (err) => {
      const sentence = describeSocketError(err, {
        action: 'send',
        host: this.spec.targetHost,
        port: this.spec.targetPort,
      });
      this.hooks.notice(
        'warning',
        `Relay for ${formatHostPort(rinfo.address, rinfo.port)}: ${sentence}`,
      );
    });
    upstream.connect(this.spec.targetPort, target, () => {
      session.connected = true;
      const local = upstream.address();
      session.peer.relay = {
        upstream: { address: local.address, port: local.port },
        upstreamState: 'connected',
      };
      for (const datagram of session.waiting.splice(0)) upstream.send(datagram);
      this.hooks.changed();
    });
    return session;
  }

  /** Applies the direction's disturbance, then sends what survives. */
  private forward(session: Session, direction: RelayDirection, data: Buffer): void {
    const d = this.hooks.disturbance(direction);
    if (d.dropPercent > 0 && Math.random() * 100 < d.dropPercent) {
      this.hooks.dropped(direction, 1);
      return;
    }
    let i = 0;
    for (const piece of pieces(data, d)) {
      this.later(d.latencyMs + i++ * d.pieceGapMs, () => this.deliver(session, direction, piece));
    }
  }

  private later(ms: number, run: () => void): void {
    if (ms <= 0) {
      run();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private deliver(session: Session, direction: RelayDirection, data: Buffer): void {
    if (direction === 'server-to-device') {
      this.socket?.send(data, session.peer.port, session.peer.address);
    } else if (session.connected) {
      session.upstream.send(data);
    } else {
      session.waiting.push(data);
    }
  }

  inject(peerId: string, direction: RelayDirection, data: Buffer): number {
    const session = [...this.sessions.values()].find((s) => s.peer.id === peerId);
    if (!session)
      throw new EndpointError(`Device ${peerId} is not known to this relay`, 'not-found');
    this.hooks.data(session.peer, direction, data);
    this.forward(session, direction, data);
    return data.byteLength;
  }

  forget(peerId: string): boolean {
    for (const [key, session] of this.sessions) {
      if (session.peer.id !== peerId) continue;
      session.upstream.close();
      this.sessions.delete(key);
      this.hooks.changed();
      return true;
    }
    return false;
  }

  peers(): PeerRecord[] {
    return [...this.sessions.values()].map((s) => s.peer);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const session of this.sessions.values()) session.upstream.close();
    this.sessions.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
