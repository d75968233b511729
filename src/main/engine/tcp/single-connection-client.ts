import type net from 'node:net';
import type {
  EndpointInfo,
  ReconnectInfo,
  TcpClientSpec,
  TlsClientSpec,
} from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { Endpoint, type EndpointContext, type SendResult } from '../endpoint';
import type { SendWatch } from '../send-progress';
import { EndpointError } from '../system-errors';
import { AutoReconnect, type ReconnectTimers } from './auto-reconnect';
import { TcpConnection } from './tcp-connection';

type ClientSpec = TcpClientSpec | TlsClientSpec;

/** A dial in progress, as watchDial() ends it. */
export interface DialWatch {
  fail(message: MessageRef): void;
  /** True once it failed, timed out or succeeded. */
  settled(): boolean;
  /** The socket connected: no timeout, no error listeners, no longer pending. */
  succeed(): void;
}

/**
 * What every client kind shares (TCP, TLS): one connection at a time, a
 * pending dial that close() can abort, reconnect on demand or by itself
 * (autoReconnect), and the byte path of TcpConnection. A subclass only dials
 * and says how it connected.
 */
export abstract class SingleConnectionClient<S extends ClientSpec> extends Endpoint<S> {
  protected conn: TcpConnection | null = null;
  protected pending: net.Socket | null = null;
  protected closing = false;
  private readonly retry: AutoReconnect;
  private waitingSince: ReconnectInfo | null = null;

  constructor(id: string, spec: S, ctx: EndpointContext, timers?: ReconnectTimers) {
    super(id, spec, ctx);
    this.retry = new AutoReconnect(
      {
        dial: () => this.connect(),
        waiting: ({ attempt, delayMs }) => {
          this.waitingSince = { attempt, delayMs, nextAt: this.ctx.clock() + delayMs * 1000 };
          this.setState('reconnecting');
        },
      },
      timers,
    );
  }

  /** Dials, and adopts the socket once it is ready; rejects with an EndpointError. */
  protected abstract connect(): Promise<void>;

  /**
   * One dial's ending, shared by every client kind: the first of a failure,
   * the timeout or success wins. A failure destroys the socket and rejects;
   * only the dial in progress speaks for the endpoint: one that Close aborted
   * (or a newer dial replaced) leaves the state to them.
   */
  protected watchDial(
    socket: net.Socket,
    timeout: () => MessageRef,
    reject: (err: EndpointError) => void,
  ): DialWatch {
    let settled = false;
    const fail = (message: MessageRef): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (this.pending === socket) {
        this.pending = null;
        this.setState('failed', message);
      }
      reject(new EndpointError(message));
    };
    const timer = setTimeout(() => fail(timeout()), this.spec.timeoutMs);
    return {
      fail,
      settled: () => settled,
      succeed: () => {
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.pending = null;
      },
    };
  }

  async open(): Promise<void> {
    await this.connect();
    this.retry.connected();
  }

  /**
   * Dials again. With autoReconnect, a dial the user asked for that fails
   * keeps trying by itself (the tab says why it failed and when it tries
   * next) instead of giving up.
   */
  override async reopen(): Promise<void> {
    try {
      await super.reopen();
    } catch (err) {
      const refused = err instanceof EndpointError && err.code === 'wrong-state';
      if (refused || !this.spec.autoReconnect || this.closing) throw err;
      this.retry.start();
    }
  }

  override async reconnect(): Promise<void> {
    await this.reopen();
  }

  /** The peer went away (not by Close): wait and dial again, or stay closed. */
  private lost(reason: MessageRef): void {
    if (this.spec.autoReconnect && !this.closing) {
      this.message = reason;
      this.retry.start();
    } else {
      this.setState('closed', reason);
    }
  }

  /** Takes over a connected socket: bytes recorded, the peer's FIN shown as half-closed. */
  protected adoptSocket(
    socket: net.Socket,
    finMessage: MessageRef,
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
        // A client that reconnects by itself takes the peer's FIN as its leaving:
        // our FIN ends the conversation, and the close that follows dials again.
        if (this.spec.autoReconnect && !this.closing) c.endSending();
        else this.setState('half-closed', finMessage);
      },
      close: (c: TcpConnection, reason: MessageRef | null) => {
        this.noteClosedBy(c.peer.id, 'local');
        this.peerLeft(c.peer);
        if (this.conn !== c) return;
        this.conn = null;
        const closed = this.closing
          ? msg('state.closed-by-you', {})
          : msg('state.closed-by-peer', {});
        this.lost(reason ?? closed);
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
    watch: SendWatch = {},
  ): Promise<SendResult> {
    const conn = this.conn;
    if (!conn || !conn.open) {
      throw new EndpointError(msg('client.not-connected', { where: this.target() }), 'wrong-state');
    }
    if (peerId !== undefined && peerId !== 'all' && peerId !== conn.peer.id) {
      throw new EndpointError(msg('client.not-this-peer', { peer: peerId }), 'not-found');
    }
    const { written, cancelled } = await conn.write(data, watch);
    return { bytes: written, peers: 1, ...(cancelled ? { cancelled } : {}) };
  }

  /** Our FIN on the connection (the command line's `connect` when its input ends, as `ncat`). */
  override endSending(peerId?: string): boolean {
    const conn = this.conn;
    if (!conn || !conn.open || (peerId !== undefined && peerId !== conn.peer.id)) return false;
    conn.endSending();
    return true;
  }

  /** The user drops the connection: like Close, it does not dial again by itself. */
  disconnect(peerId: string): boolean {
    if (!this.conn || this.conn.peer.id !== peerId) return false;
    this.closing = true;
    this.retry.stop();
    this.conn.destroy();
    return true;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.retry.stop();
    this.pending?.destroy();
    this.pending = null;
    const conn = this.conn;
    if (conn) {
      const closed = new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
      conn.destroy();
      await closed;
    }
    this.setState('closed', msg('state.closed-by-you', {}));
  }

  override info(): EndpointInfo {
    const info = super.info();
    if (this.state !== 'reconnecting' || !this.waitingSince) return info;
    return { ...info, reconnect: this.waitingSince };
  }

  protected target(): string {
    return formatHostPort(this.spec.host, this.spec.port);
  }
}
