import type net from 'node:net';
import type { EndpointInfo, TcpServerSpec, TlsServerSpec } from '../../../shared/contract';
import { msg } from '../../../shared/messages/catalogue';
import { formatHostPort, unbracket } from '../../../shared/net/address';
import { Endpoint, type PeerRecord, type SendResult } from '../endpoint';
import { pickPeers } from '../peer-selection';
import { startInSlices } from '../send-slices';
import type { SendWatch } from '../send-progress';
import { EndpointError, describeSocketError, messageOf } from '../system-errors';
import { AcceptGuard } from './accept-guard';
import { isOutOfDescriptors } from './descriptor-budget';
import { systemListenMax } from './listen-backlog';
import { TcpConnection, type ConnectionHooks, type DescribeError } from './tcp-connection';

/**
 * Binds a server; rejects with the message for EADDRINUSE, EACCES, … The
 * one place every listening kind (TCP, TLS, relay) turns a bind into words.
 */
export async function listenOn(
  server: net.Server,
  options: { host: string; port: number; ipv6Only?: boolean; backlog?: number },
): Promise<net.AddressInfo> {
  const { host, port } = options;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => {
      reject(new EndpointError(describeSocketError(err, { action: 'listen', host, port })));
    });
    server.listen({ ...options, host: unbracket(host) }, () => resolve());
  });
  return server.address() as net.AddressInfo;
}

/**
 * What every stream listener shares (TCP, TLS): accepted peers by id, send
 * to one or all, disconnect one, and stop listening with or without them.
 */
export abstract class ConnectionListener<
  S extends TcpServerSpec | TlsServerSpec,
> extends Endpoint<S> {
  protected server: net.Server | null = null;
  protected readonly connections = new Map<string, TcpConnection>();
  private guard: AcceptGuard | null = null;

  /** Binds `server` with the spec's backlog, keeps it, and shows the address; on failure the endpoint says why. */
  protected async bind(
    server: net.Server,
    options: { ipv6Only?: boolean } = {},
  ): Promise<net.AddressInfo> {
    this.server = server;
    try {
      const address = await listenOn(server, {
        host: this.spec.host,
        port: this.portToBind(),
        backlog: this.spec.backlog,
        ...options,
      });
      this.guard = new AcceptGuard(server, this.ctx.descriptors, {
        notice: (level, message) => this.notice(level, message),
        changed: () => this.ctx.sink.changed(this.id),
        where: () => this.describe(),
      });
      server.on('error', (err) => {
        if (isOutOfDescriptors(err)) this.guard?.acceptFailed();
        else this.notice('error', msg('socket.listener-error', { detail: err.message }));
      });
      this.local = { address: address.address, port: address.port };
      return address;
    } catch (err) {
      this.server = null;
      this.setState('failed', messageOf(err));
      throw err;
    }
  }

  /**
   * What every accepted conversation reports to: one object for the
   * listener, not one per peer (with four closures), since 15,000 peers
   * may arrive at once and every object a peer keeps is copied by the
   * young-generation collector on its way to the old one.
   */
  private readonly peerHooks: ConnectionHooks = {
    data: (c, data) => this.record(c.peer, 'rx', data),
    wrote: (c, data) => this.record(c.peer, 'tx', data),
    end: (c) => {
      this.noteClosedBy(c.peer.id, 'remote');
      this.notice(
        'info',
        msg('peer.finished', { where: formatHostPort(c.peer.address, c.peer.port) }),
      );
      this.peerChanged(c.peer);
    },
    close: (c, reason) => {
      this.noteClosedBy(c.peer.id, 'local');
      this.connections.delete(c.peer.id);
      if (reason) this.notice('warning', reason);
      this.peerLeft(c.peer);
    },
  };

  /** Adopts an accepted socket: its bytes recorded, its FIN and close shown. */
  protected acceptSocket(socket: net.Socket, describeError?: DescribeError): TcpConnection {
    // TCP_NODELAY is set by Node at accept (the servers are made with noDelay): not twice.
    const conn = new TcpConnection(
      this.ctx.nextPeerId(),
      socket,
      this.ctx.clock(),
      this.peerHooks,
      describeError,
    );
    this.connections.set(conn.peer.id, conn);
    this.peerJoined(conn.peer);
    return conn;
  }

  protected override peerLocal(peer: PeerRecord): { address: string; port: number } | null {
    const socket = this.connections.get(peer.id)?.socket;
    if (!socket?.localAddress || !socket.localPort) return this.local;
    return { address: socket.localAddress, port: socket.localPort };
  }

  async send(
    peerId: string | undefined,
    data: Uint8Array,
    watch: SendWatch = {},
  ): Promise<SendResult> {
    const targets = pickPeers(this.connections, peerId, this.describe());
    // Thousands of peers: the writes start a slice at a time, so the event loop keeps turning.
    const { outcomes, stopped } = await startInSlices(
      targets,
      (c) => c.write(data, watch),
      watch.signal,
    );
    const bytes = outcomes.reduce((sum, o) => sum + o.written, 0);
    const cancelled = stopped || outcomes.some((o) => o.cancelled);
    return { bytes, peers: outcomes.length, ...(cancelled ? { cancelled } : {}) };
  }

  disconnect(peerId: string): boolean {
    const conn = this.connections.get(peerId);
    if (!conn) return false;
    conn.destroy();
    return true;
  }

  /** Our FIN to one peer, after whatever is already queued for it. */
  override endSending(peerId?: string): boolean {
    const conn = peerId === undefined ? undefined : this.connections.get(peerId);
    if (!conn || !conn.open) return false;
    conn.endSending();
    return true;
  }

  override info(): EndpointInfo {
    return {
      ...super.info(),
      refused: this.guard?.refused ?? 0,
      listen: { backlog: this.spec.backlog, systemMax: systemListenMax() },
    };
  }

  async close({ closePeers }: { closePeers: boolean }): Promise<void> {
    const server = this.server;
    this.server = null;
    this.guard?.dispose();
    if (closePeers) {
      for (const conn of this.connections.values()) conn.destroy();
      if (server) this.dropUnaccepted(server);
    }
    if (server) {
      // close() stops accepting at once; its callback waits for every peer to
      // go, which never happens when the user chose to keep them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (closePeers) await closed;
    }
    const left = [...this.connections.values()].filter((c) => c.open).length;
    this.setState(
      'closed',
      left > 0
        ? msg('state.stopped-listening-peers', { count: left })
        : msg('state.stopped-listening', {}),
    );
  }

  /**
   * Connections the server holds that are not peers yet (a TLS handshake),
   * once the peers are closed: dropped, or close() waits for them. A TCP
   * server has none.
   */
  protected dropUnaccepted(_server: net.Server): void {}

  protected describe(): string {
    const { address, port } = this.local ?? { address: this.spec.host, port: this.spec.port };
    return formatHostPort(address, port);
  }
}
