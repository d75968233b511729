import net from 'node:net';
import type { TcpServerSpec } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { Endpoint, type PeerRecord, type SendResult } from './endpoint';
import { pickPeers } from './peer-selection';
import { EndpointError, describeSocketError } from './system-errors';
import { TcpConnection } from './tcp-connection';

/** A listener: accepts many peers, sends to one or all, closes them on demand. */
export class TcpServerEndpoint extends Endpoint<TcpServerSpec> {
  private server: net.Server | null = null;
  private readonly connections = new Map<string, TcpConnection>();

  async open(): Promise<void> {
    const { host, port, ipv6Only, backlog } = this.spec;
    const server = net.createServer({ allowHalfOpen: true, noDelay: true });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => {
        reject(new EndpointError(describeSocketError(err, { action: 'listen', host, port })));
      });
      server.listen({ host: unbracket(host), port, ipv6Only, backlog }, () => resolve());
    }).catch((err: Error) => {
      this.server = null;
      this.setState('failed', err.message);
      throw err;
    });
    server.on('connection', (socket) => this.accept(socket));
    server.on('error', (err) => this.notice('error', `Listener error: ${err.message}`));
    const address = server.address() as net.AddressInfo;
    this.local = { address: address.address, port: address.port };
    this.setState('listening', `Listening on ${formatHostPort(address.address, address.port)}`);
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const conn = new TcpConnection(this.ctx.nextPeerId(), socket, this.ctx.clock(), {
      data: (c, data) => this.record(c.peer, 'rx', data),
      wrote: (c, data) => this.record(c.peer, 'tx', data),
      end: (c) => {
        this.noteClosedBy(c.peer.id, 'remote');
        this.notice(
          'info',
          `${formatHostPort(c.peer.address, c.peer.port)} closed its sending side (FIN); you can still send to it`,
        );
        this.ctx.sink.changed(this.id);
      },
      close: (c, reason) => {
        this.noteClosedBy(c.peer.id, 'local');
        this.connections.delete(c.peer.id);
        if (reason) this.notice('warning', reason);
        this.ctx.sink.changed(this.id);
      },
    });
    this.connections.set(conn.peer.id, conn);
    this.ctx.sink.changed(this.id);
  }

  protected override peerLocal(peer: PeerRecord): { address: string; port: number } | null {
    const socket = this.connections.get(peer.id)?.socket;
    if (!socket?.localAddress || !socket.localPort) return this.local;
    return { address: socket.localAddress, port: socket.localPort };
  }

  async send(
    peerId: string | undefined,
    data: Uint8Array,
    onWrote?: (bytes: number) => void,
  ): Promise<SendResult> {
    const targets = pickPeers(this.connections, peerId, this.describe());
    await Promise.all(targets.map((c) => c.write(data, onWrote)));
    return { bytes: data.byteLength * targets.length, peers: targets.length };
  }

  disconnect(peerId: string): boolean {
    const conn = this.connections.get(peerId);
    if (!conn) return false;
    conn.destroy();
    return true;
  }

  peers(): PeerRecord[] {
    return [...this.connections.values()].map((c) => c.peer);
  }

  async close({ closePeers }: { closePeers: boolean }): Promise<void> {
    const server = this.server;
    this.server = null;
    if (closePeers) for (const conn of this.connections.values()) conn.destroy();
    if (server) {
      // close() stops accepting at once; its callback waits for every peer to
      // go, which never happens when the user chose to keep them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (closePeers) await closed;
    }
    const left = [...this.connections.values()].filter((c) => c.open).length;
    this.setState(
      'closed',
      left > 0 ? `Stopped listening; ${left} peer(s) still connected` : 'Stopped listening',
    );
  }

  private describe(): string {
    return this.local ? formatHostPort(this.local.address, this.local.port) : 'this listener';
  }
}

/** `[::1]` as typed by a person is `::1` to the socket API. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
