import net from 'node:net';
import type { TcpClientSpec } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { Endpoint, type PeerRecord, type SendResult } from './endpoint';
import { EndpointError, describeSocketError } from './system-errors';
import { TcpConnection } from './tcp-connection';
import { unbracket } from './tcp-server';

/** A client: one connection at a time, with a timeout, and reconnect on demand. */
export class TcpClientEndpoint extends Endpoint<TcpClientSpec> {
  private conn: TcpConnection | null = null;
  private pending: net.Socket | null = null;
  private closing = false;

  async open(): Promise<void> {
    await this.connect();
  }

  override async reconnect(): Promise<void> {
    if (this.state === 'connecting' || this.state === 'connected' || this.state === 'half-closed') {
      throw new EndpointError(`Already ${this.state} to ${this.target()}`, 'wrong-state');
    }
    await this.connect();
  }

  private connect(): Promise<void> {
    const spec = this.spec;
    this.closing = false;
    this.setState('connecting', `Connecting to ${this.target()}…`);
    const socket = new net.Socket({ allowHalfOpen: true });
    this.pending = socket;
    return new Promise<void>((resolve, reject) => {
      const fail = (message: string): void => {
        socket.destroy();
        if (this.pending === socket) this.pending = null;
        this.setState('failed', message);
        reject(new EndpointError(message));
      };
      const timer = setTimeout(() => {
        fail(
          describeSocketError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), {
            action: 'connect',
            host: spec.host,
            port: spec.port,
            timeoutMs: spec.timeoutMs,
          }),
        );
      }, spec.timeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        const host = isLocalBindError(err) ? (spec.localAddress ?? spec.host) : spec.host;
        const port = isLocalBindError(err) ? (spec.localPort ?? 0) : spec.port;
        fail(
          describeSocketError(err, { action: 'connect', host, port, timeoutMs: spec.timeoutMs }),
        );
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.pending = null;
        this.adopt(socket);
        resolve();
      });
      socket.connect({
        host: unbracket(spec.host),
        port: spec.port,
        localAddress: spec.localAddress ? unbracket(spec.localAddress) : undefined,
        localPort: spec.localPort,
        noDelay: spec.noDelay,
        keepAlive: spec.keepAlive,
        keepAliveInitialDelay: spec.keepAliveDelayMs,
      });
    });
  }

  private adopt(socket: net.Socket): void {
    socket.setNoDelay(this.spec.noDelay);
    this.local = { address: socket.localAddress ?? '?', port: socket.localPort ?? 0 };
    const conn = new TcpConnection(this.ctx.nextPeerId(), socket, this.ctx.clock(), {
      data: (c, data) => this.record(c.peer, 'rx', data),
      wrote: (c, data) => this.record(c.peer, 'tx', data),
      end: (c) => {
        this.noteClosedBy(c.peer.id, 'remote');
        this.setState(
          'half-closed',
          `${this.target()} closed its sending side (FIN); you can still send`,
        );
      },
      close: (c, reason) => {
        this.noteClosedBy(c.peer.id, 'local');
        if (this.conn === c) this.conn = null;
        this.setState('closed', reason ?? (this.closing ? 'Closed by you' : 'Closed by the peer'));
      },
    });
    this.conn = conn;
    this.setState('connected', `Connected to ${this.target()}`);
  }

  async send(
    peerId: string | undefined,
    data: Uint8Array,
    onWrote?: (bytes: number) => void,
  ): Promise<SendResult> {
    const conn = this.conn;
    if (!conn || !conn.open) {
      throw new EndpointError(`Not connected to ${this.target()}`, 'wrong-state');
    }
    if (peerId !== undefined && peerId !== 'all' && peerId !== conn.peer.id) {
      throw new EndpointError(`Peer ${peerId} is not this client's connection`, 'not-found');
    }
    await conn.write(data, onWrote);
    return { bytes: data.byteLength, peers: 1 };
  }

  disconnect(peerId: string): boolean {
    if (!this.conn || this.conn.peer.id !== peerId) return false;
    this.conn.destroy();
    return true;
  }

  peers(): PeerRecord[] {
    return this.conn ? [this.conn.peer] : [];
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

  private target(): string {
    return formatHostPort(this.spec.host, this.spec.port);
  }
}

/** Errors about our own end (the local address/port we asked to bind). */
function isLocalBindError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EADDRNOTAVAIL' || code === 'EADDRINUSE';
}
