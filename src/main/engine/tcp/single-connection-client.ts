import type net from 'node:net';
import type { TcpClientSpec, TlsClientSpec } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import { Endpoint, type SendResult } from '../endpoint';
import { EndpointError } from '../system-errors';
import { TcpConnection } from './tcp-connection';

type ClientSpec = TcpClientSpec | TlsClientSpec;

/**
 * What every client kind shares (TCP, TLS): one connection at a time, a
 * pending dial that close() can abort, reconnect on demand, and the byte
 * path of TcpConnection. A subclass only dials and says how it connected.
 */
export abstract class SingleConnectionClient<S extends ClientSpec> extends Endpoint<S> {
  protected conn: TcpConnection | null = null;
  protected pending: net.Socket | null = null;
  protected closing = false;

  /** Dials, and adopts the socket once it is ready; rejects with a sentence. */
  protected abstract connect(): Promise<void>;

  async open(): Promise<void> {
    await this.connect();
  }

  override async reconnect(): Promise<void> {
    if (this.state === 'connecting' || this.state === 'connected' || this.state === 'half-closed') {
      throw new EndpointError(`Already ${this.state} to ${this.target()}`, 'wrong-state');
    }
    await this.connect();
  }

  /** Takes over a connected socket: bytes recorded, the peer's FIN shown as half-closed. */
  protected adoptSocket(
    socket: net.Socket,
    finMessage: string,
    describeError?: ConstructorParameters<typeof TcpConnection>[4],
  ): TcpConnection {
    socket.setNoDelay(this.spec.noDelay);
    this.local = { address: socket.localAddress ?? '?', port: socket.localPort ?? 0 };
    const hooks = {
      data: (c: TcpConnection, data: Uint8Array) => this.record(c.peer, 'rx', data),
      wrote: (c: TcpConnection, data: Uint8Array) => this.record(c.peer, 'tx', data),
      end: (c: TcpConnection) => {
        this.noteClosedBy(c.peer.id, 'remote');
        this.peerChanged(c.peer);
        this.setState('half-closed', finMessage);
      },
      close: (c: TcpConnection, reason: string | null) => {
        this.noteClosedBy(c.peer.id, 'local');
        if (this.conn === c) this.conn = null;
        this.peerLeft(c.peer);
        this.setState('closed', reason ?? (this.closing ? 'Closed by you' : 'Closed by the peer'));
      },
    };
    this.conn = new TcpConnection(
      this.ctx.nextPeerId(),
      socket,
      this.ctx.clock(),
      hooks,
      describeError,
    );
    this.peerJoined(this.conn.peer);
    return this.conn;
  }

  async send(
    peerId: string | undefined,
    data: Uint8Array,
    onWrote?: (bytes: number) => void,
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const conn = this.conn;
    if (!conn || !conn.open) {
      throw new EndpointError(`Not connected to ${this.target()}`, 'wrong-state');
    }
    if (peerId !== undefined && peerId !== 'all' && peerId !== conn.peer.id) {
      throw new EndpointError(`Peer ${peerId} is not this client's connection`, 'not-found');
    }
    const { written, cancelled } = await conn.write(data, onWrote, signal);
    return { bytes: written, peers: 1, ...(cancelled ? { cancelled } : {}) };
  }

  disconnect(peerId: string): boolean {
    if (!this.conn || this.conn.peer.id !== peerId) return false;
    this.conn.destroy();
    return true;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.pending?.destroy();
    this.pending = null;
    const conn = this.conn;
    if (conn) {
      const closed = new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
      conn.destroy();
      await closed;
    }
    this.setState('closed', 'Closed by you');
  }

  protected target(): string {
    return formatHostPort(this.spec.host, this.spec.port);
  }
}
