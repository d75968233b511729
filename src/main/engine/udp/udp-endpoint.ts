import dgram from 'node:dgram';
import type { EndpointInfo } from '../../../shared/contract';
import { MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6, type UdpSpec } from '../../../shared/contract/udp';
import { msg } from '../../../shared/messages/catalogue';
import { formatHostPort, isIPv4, unbracket, unmapIPv4 } from '../../../shared/net/address';
import { Endpoint, type PeerRecord, type SendResult } from '../endpoint';
import type { SendWatch } from '../send-progress';
import { EndpointError, describeSocketError, messageOf } from '../system-errors';
import { describeSendError, icmpRefused, oversized, scopeOf } from './udp-errors';
import { UdpOptions, type Family, type UdpOptionChanges } from './udp-options';
import { addressFor, bindSocket, connectSocket, lookup, type Destination } from './udp-address';
import { ReceiveSide } from './receive-side';
import { UdpPeerTable } from './udp-peers';

/**
 * A bound UDP socket: receives from anyone (one log row per datagram),
 * sends to a chosen host:port, to a known peer or back to the last sender.
 * In connected mode it talks to one remote only, and the system's ICMP
 * "port unreachable" answers become visible.
 */
export class UdpEndpoint extends Endpoint<UdpSpec> {
  private socket: dgram.Socket | null = null;
  private family: Family = 'IPv4';
  private options = new UdpOptions('IPv4');
  private connected: Destination | null = null;
  private closing = false;
  private readonly table = new UdpPeerTable(this.roster, {
    newId: () => this.ctx.nextPeerId(),
    now: () => this.ctx.clock(),
    joined: (peer) => this.peerJoined(peer),
    left: (peer) => this.peerLeft(peer),
  });
  private readonly receiving = new ReceiveSide();

  async open(): Promise<void> {
    await this.bind();
  }

  /** Binds again with the same spec after a close. */
  override async reconnect(): Promise<void> {
    if (this.socket)
      throw new EndpointError(msg('udp.already-bound', { where: this.describe() }), 'wrong-state');
    await this.bind();
  }

  private async bind(): Promise<void> {
    const spec = this.spec;
    this.closing = false;
    const host = unbracket(spec.host);
    const port = this.portToBind();
    let socket: dgram.Socket | null = null;
    try {
      const bound = await lookup(host, 0, 'bind', port);
      this.family = bound.family;
      this.options = new UdpOptions(bound.family);
      socket = dgram.createSocket({
        type: bound.family === 'IPv6' ? 'udp6' : 'udp4',
        reuseAddr: spec.reuseAddr,
        ipv6Only: spec.ipv6Only,
      });
      this.socket = socket;
      await bindSocket(socket, bound.address, port, spec.host);
      // Listen at once: an 'error' without a listener would take the process down.
      this.listen(socket);
      this.receiving.askBuffer(socket, spec.receiveBufferBytes);
      this.options.apply(socket, {
        broadcast: spec.broadcast ? true : undefined,
        ttl: spec.ttl,
        multicastTtl: spec.multicastTtl,
        multicastLoopback: spec.multicastLoopback,
        multicastInterface: spec.multicastInterface,
      });
      for (const m of spec.groups) this.options.join(socket, m.group, m.iface);
      if (spec.connect) this.connected = await this.connectTo(socket, spec.connect);
    } catch (err) {
      try {
        socket?.close();
      } catch {
        // It never got as far as running.
      }
      this.socket = null;
      const message = messageOf(err);
      this.setState('failed', message);
      throw err instanceof EndpointError ? err : new EndpointError(message);
    }
    const address = socket.address();
    this.local = { address: address.address, port: address.port };
    this.receiving.watchDrops(socket, this.family, address.port, () =>
      this.ctx.sink.changed(this.id),
    );
    const where = formatHostPort(address.address, address.port);
    if (this.connected) {
      const remote = this.where(this.connected);
      this.setState('connected', msg('state.bound-connected', { where, remote }));
    } else {
      this.setState('listening', msg('state.bound', { where }));
    }
  }

  private async connectTo(
    socket: dgram.Socket,
    target: { host: string; port: number },
  ): Promise<Destination> {
    const to = await this.destination(target.host, target.port);
    await connectSocket(socket, to, target);
    return to;
  }

  private listen(socket: dgram.Socket): void {
    // dgram gives every datagram a buffer of its own, which nobody writes to again.
    socket.on('message', (data: Buffer, from: dgram.RemoteInfo) => {
      this.record(this.table.heardFrom(from.address, from.port), 'rx', data, true);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // Linux reports an ICMP answer to an earlier datagram on a connected socket here.
      const message =
        err.code === 'ECONNREFUSED' && this.connected
          ? icmpRefused(this.shown(this.connected))
          : describeSocketError(err, { action: 'receive', ...this.localHostPort() });
      this.notice('error', message);
      this.setState(this.state, message);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.receiving.stop();
      this.socket = null;
      this.options.forgetMemberships();
      if (!this.closing) this.setState('closed', msg('state.closed-by-system', {}));
    });
  }

  /**
   * The generic send: a named peer, 'all' peers, or the connected remote /
   * last sender. To all, one datagram after the other, each reported to
   * `onWrote`, until `signal` fires.
   */
  async send(
    peerId: string | undefined,
    data: Uint8Array,
    watch: SendWatch = {},
  ): Promise<SendResult> {
    this.requireSocket();
    let targets: PeerRecord[];
    if (peerId === 'all') {
      targets = this.table.list();
      if (targets.length === 0) throw this.nobodyYet();
    } else if (peerId !== undefined) {
      const peer = this.table.get(peerId);
      if (!peer) throw new EndpointError(msg('udp.peer-unknown', { peer: peerId }), 'not-found');
      targets = [peer];
    } else if (this.connected) {
      targets = [this.table.touch(this.connected.address, this.connected.port)];
    } else {
      const last = this.table.last;
      if (!last) throw this.nobodyYet();
      targets = [last];
    }
    let sent = 0;
    for (const t of targets) {
      if (watch.signal?.aborted)
        return { bytes: data.byteLength * sent, peers: sent, cancelled: true };
      await this.sendDatagram({ address: t.address, port: t.port }, data);
      sent++;
      watch.onWrote?.(data.byteLength);
    }
    return { bytes: data.byteLength * sent, peers: sent };
  }

  /** One datagram to host:port; a name is looked up first, in this socket's family. */
  async sendTo(host: string, port: number, data: Uint8Array): Promise<SendResult> {
    this.requireSocket();
    const to = await this.destination(unbracket(host), port);
    const c = this.connected;
    if (c && (c.address !== to.address || c.port !== to.port)) {
      throw new EndpointError(
        msg('udp.connected-only', { remote: this.where(c), where: this.where(to) }),
        'wrong-state',
      );
    }
    await this.sendDatagram(to, data);
    return { bytes: data.byteLength, peers: 1 };
  }

  private async sendDatagram(to: Destination, data: Uint8Array): Promise<void> {
    const socket = this.requireSocket();
    const v4 = isIPv4(to.address) || to.address.toLowerCase().startsWith('::ffff:');
    const max = v4 ? MAX_DATAGRAM_IPV4 : MAX_DATAGRAM_IPV6;
    if (data.byteLength > max) {
      throw new EndpointError(oversized(data.byteLength, v4 ? 'IPv4' : 'IPv6', max));
    }
    await new Promise<void>((resolve, reject) => {
      const done = (err: Error | null): void => {
        if (!err) return resolve();
        const state = {
          broadcast: this.options.broadcast,
          connected: this.connected !== null,
          bytes: data.byteLength,
        };
        reject(new EndpointError(describeSendError(err, this.shown(to), state)));
      };
      try {
        if (this.connected) socket.send(data, done);
        else socket.send(data, to.port, to.address, done);
      } catch (err) {
        // Node refuses some sends synchronously (a socket closing under us).
        done(err as Error);
      }
    });
    // The kernel writes addresses in lower case; a typed IPv6 address may not be.
    this.record(this.table.touch(to.address.toLowerCase(), to.port), 'tx', data);
  }

  /** Where host:port is for this socket: looked up, and IPv4 mapped onto a dual-stack socket. */
  private async destination(host: string, port: number): Promise<Destination> {
    const found = await lookup(host, this.family === 'IPv4' ? 4 : 0, 'send', port);
    return { address: addressFor(found, this.family, this.spec), port };
  }

  joinGroup(group: string, iface: string | undefined): void {
    this.options.join(this.requireSocket(), group, iface);
    this.notice('info', msg('udp.joined', { group, scope: scopeOf(iface ?? null) }));
    this.ctx.sink.changed(this.id);
  }

  leaveGroup(group: string, iface: string | undefined): void {
    this.options.leave(this.requireSocket(), group, iface);
    this.notice('info', msg('udp.left', { group, scope: scopeOf(iface ?? null) }));
    this.ctx.sink.changed(this.id);
  }

  setOptions(changes: UdpOptionChanges): void {
    this.options.apply(this.requireSocket(), changes);
    this.ctx.sink.changed(this.id);
  }

  /** UDP has no connection to cut: the peer is forgotten from the table. */
  disconnect(peerId: string): boolean {
    return this.table.forget(peerId);
  }

  async close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    this.socket = null;
    this.connected = null;
    this.options.forgetMemberships();
    this.receiving.stop();
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
    this.setState('closed', msg('state.closed-by-you', {}));
  }

  override info(): EndpointInfo {
    return {
      ...super.info(),
      udp: {
        family: this.family,
        ...this.options.details(),
        lastSenderId: this.table.last?.id ?? null,
        connected: this.connected ? { ...this.connected } : null,
        maxDatagram: this.family === 'IPv4' ? MAX_DATAGRAM_IPV4 : MAX_DATAGRAM_IPV6,
        forgottenPeers: this.table.forgotten,
        ...this.receiving.details(this.spec.receiveBufferBytes),
      },
    };
  }

  private requireSocket(): dgram.Socket {
    if (!this.socket)
      throw new EndpointError(msg('udp.socket-closed', { where: this.describe() }), 'wrong-state');
    return this.socket;
  }

  private nobodyYet(): EndpointError {
    return new EndpointError(msg('udp.nobody-yet', {}), 'wrong-state');
  }

  /** v4-mapped addresses as people know them (127.0.0.1, not ::ffff:127.0.0.1). */
  private shown(to: Destination): { host: string; port: number } {
    return { host: unmapIPv4(to.address), port: to.port };
  }

  private where(to: Destination): string {
    const shown = this.shown(to);
    return formatHostPort(shown.host, shown.port);
  }

  private localHostPort(): { host: string; port: number } {
    return this.local
      ? { host: this.local.address, port: this.local.port }
      : { host: this.spec.host, port: this.spec.port };
  }

  private describe(): string {
    const l = this.localHostPort();
    return formatHostPort(l.host, l.port);
  }
}
