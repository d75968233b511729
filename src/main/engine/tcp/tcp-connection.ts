import type net from 'node:net';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { connectedPeer, type PeerRecord } from '../endpoint';
import { readBytes } from './landing-reads';
import type { SendWatch } from '../send-progress';
import { EndpointError, describeSocketError } from '../system-errors';

/** Big writes go out in slices so one payload cannot fill memory twice over. */
const WRITE_SLICE_BYTES = 256 * 1024;

export type DescribeError = (err: Error, where: { host: string; port: number }) => MessageRef;

function describeReceiveError(err: Error, where: { host: string; port: number }): MessageRef {
  return describeSocketError(err, { action: 'receive', ...where });
}

/**
 * The turn of a connection nobody has written to yet. One settled promise
 * shared by all: a listener accepting 15,000 peers at once makes nothing
 * per peer it does not need (bench/README.md, the accept figure).
 */
const NO_WRITES_YET: Promise<void> = Promise.resolve();

/** How far a write got: bytes handed to the kernel, and whether it was cancelled first. */
export interface WriteOutcome {
  written: number;
  cancelled: boolean;
}

export interface ConnectionHooks {
  /** Bytes read; a view valid only during the call (see landing-reads.ts): copy what you keep. */
  data(conn: TcpConnection, data: Uint8Array): void;
  /** The peer sent FIN: it will send no more, we may still send. */
  end(conn: TcpConnection): void;
  /** The socket is gone; `reason` says why, or null for an orderly close. */
  close(conn: TcpConnection, reason: MessageRef | null): void;
  /** Each slice actually handed to the kernel. */
  wrote(conn: TcpConnection, data: Uint8Array): void;
}

/**
 * One TCP conversation (an accepted peer or a client's connection): counts
 * nothing itself, but turns socket events into the hooks above and writes
 * with backpressure respected.
 */
export class TcpConnection {
  readonly peer: PeerRecord;
  private error: MessageRef | null = null;
  private closedByUs = false;
  /** Settles once every write made so far has ended: the next one's turn. */
  private turn: Promise<void> = NO_WRITES_YET;

  constructor(
    id: string,
    readonly socket: net.Socket,
    since: number,
    private readonly hooks: ConnectionHooks,
    /** Turns a socket error into a message; TLS endpoints pass their own. */
    describe: DescribeError = describeReceiveError,
  ) {
    this.peer = connectedPeer(id, socket, since);
    readBytes(socket, (data) => hooks.data(this, data));
    socket.on('end', () => {
      this.peer.state = 'half-closed';
      hooks.end(this);
    });
    socket.on('error', (err) => {
      this.error = describe(err, this.hostPort());
    });
    socket.on('close', () => {
      this.peer.state = 'closed';
      hooks.close(this, this.closedByUs ? null : this.error);
    });
  }

  get open(): boolean {
    return this.peer.state !== 'closed' && !this.socket.destroyed;
  }

  /**
   * Hands `data` to the kernel slice by slice, each once the last one went
   * (backpressure); rejects with an EndpointError. When `signal` fires the loop
   * stops and resolves as cancelled with what went so far. The slice the
   * socket already holds cannot be taken back short of closing the
   * connection; it goes if the peer reads again, and is counted and logged
   * then, like every byte, so the counters only ever hold what reached the
   * kernel. Slices of a big payload are copies, so what the socket keeps of
   * a cancelled send is that one slice, not the whole payload.
   *
   * Writes take turns whole: one made while another is still going waits
   * for it to end, so overlapping sends (a second Send, a periodic one)
   * never reach the peer interleaved slice by slice. A write cancelled while
   * it waits ends at once, having sent nothing.
   */
  async write(data: Uint8Array, watch: SendWatch = {}): Promise<WriteOutcome> {
    const before = this.turn;
    let done = (): void => undefined;
    const mine = new Promise<void>((resolve) => (done = resolve));
    // The next write waits for this one and, if this one is cancelled early, for those before it.
    this.turn = Promise.all([before, mine]).then(() => undefined);
    try {
      if (!(await myTurn(before, watch.signal))) return { written: 0, cancelled: true };
      return await this.writeSlices(data, watch);
    } finally {
      done();
    }
  }

  private async writeSlices(
    data: Uint8Array,
    { onWrote, signal }: SendWatch,
  ): Promise<WriteOutcome> {
    let written = 0;
    const copy = data.byteLength > WRITE_SLICE_BYTES;
    for (let offset = 0; offset < data.byteLength || offset === 0; offset += WRITE_SLICE_BYTES) {
      if (signal?.aborted) return { written, cancelled: true };
      const view = data.subarray(offset, offset + WRITE_SLICE_BYTES);
      const slice = copy ? Buffer.from(view) : view;
      if ((await this.writeSlice(slice, signal)) === 'cancelled') {
        return { written, cancelled: true };
      }
      written += slice.byteLength;
      onWrote?.(slice.byteLength);
      if (data.byteLength === 0) break;
    }
    return { written, cancelled: false };
  }

  private writeSlice(slice: Uint8Array, signal?: AbortSignal): Promise<'written' | 'cancelled'> {
    return new Promise((resolve, reject) => {
      if (!this.open || this.socket.writableEnded) {
        reject(new EndpointError(msg('send.connection-closed', { where: this.where() })));
        return;
      }
      let settled = false;
      let waiting = false;
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        if (waiting) {
          signal?.removeEventListener('abort', onAbort);
          this.socket.off('drain', onDrain);
          this.socket.off('close', onClose);
        }
        finish();
      };
      const onAbort = (): void => settle(() => resolve('cancelled'));
      // Waiting for the kernel to take the backlog before the next slice.
      const onDrain = (): void => settle(() => resolve('written'));
      const onClose = (): void =>
        settle(() =>
          reject(
            new EndpointError(this.error ?? msg('send.connection-closed', { where: this.where() })),
          ),
        );
      const flushed = this.socket.write(slice, (err) => {
        if (err) {
          settle(() =>
            reject(
              new EndpointError(describeSocketError(err, { action: 'send', ...this.hostPort() })),
            ),
          );
          return;
        }
        // Counted even after a cancel: these bytes did reach the kernel.
        this.hooks.wrote(this, slice);
        if (flushed) settle(() => resolve('written'));
      });
      // Only a write that waits for the peer can be cancelled; one the kernel took is done.
      // (A listener per write would also make a send to thousands of peers quadratic.)
      if (!flushed && !settled) {
        waiting = true;
        this.socket.once('drain', onDrain);
        this.socket.once('close', onClose);
        signal?.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  /** Our FIN: we send no more, and may still receive. */
  endSending(): void {
    this.socket.end();
  }

  destroy(): void {
    this.closedByUs = true;
    this.socket.destroy();
  }

  private hostPort(): { host: string; port: number } {
    return { host: this.peer.address, port: this.peer.port };
  }

  private where(): string {
    return formatHostPort(this.peer.address, this.peer.port);
  }
}

/** Waits for the writes before this one to end: true, or false when `signal` fires first. */
function myTurn(before: Promise<void>, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (!signal) return before.then(() => true);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void before.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}
