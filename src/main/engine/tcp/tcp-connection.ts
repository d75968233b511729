import type net from 'node:net';
import { emptyCounters } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import type { PeerRecord } from '../endpoint';
import { readBytes } from './landing-reads';
import { EndpointError, describeSocketError } from '../system-errors';

/** Big writes go out in slices so one payload cannot fill memory twice over. */
const WRITE_SLICE_BYTES = 256 * 1024;

export interface ConnectionHooks {
  /** Bytes read; a view valid only during the call (see landing-reads.ts): copy what you keep. */
  data(conn: TcpConnection, data: Uint8Array): void;
  /** The peer sent FIN: it will send no more, we may still send. */
  end(conn: TcpConnection): void;
  /** The socket is gone; `reason` is a sentence, or null for an orderly close. */
  close(conn: TcpConnection, reason: string | null): void;
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
  private error: string | null = null;
  private closedByUs = false;

  constructor(
    id: string,
    readonly socket: net.Socket,
    since: number,
    private readonly hooks: ConnectionHooks,
    /** Turns a socket error into a sentence; TLS endpoints pass their own. */
    describe: (err: Error, where: { host: string; port: number }) => string = (err, where) =>
      describeSocketError(err, { action: 'receive', ...where }),
  ) {
    this.peer = {
      id,
      address: socket.remoteAddress ?? '?',
      port: socket.remotePort ?? 0,
      since,
      state: 'connected',
      counters: emptyCounters(),
    };
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

  /** Resolves once every byte is handed to the kernel; rejects with a sentence. */
  async write(data: Uint8Array, onWrote?: (bytes: number) => void): Promise<void> {
    for (let offset = 0; offset < data.byteLength || offset === 0; offset += WRITE_SLICE_BYTES) {
      const slice = data.subarray(offset, offset + WRITE_SLICE_BYTES);
      await this.writeSlice(slice);
      onWrote?.(slice.byteLength);
      if (data.byteLength === 0) break;
    }
  }

  private writeSlice(slice: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.open || this.socket.writableEnded) {
        reject(new EndpointError(`Could not send to ${this.where()}: the connection is closed`));
        return;
      }
      const flushed = this.socket.write(slice, (err) => {
        if (err) {
          reject(
            new EndpointError(describeSocketError(err, { action: 'send', ...this.hostPort() })),
          );
          return;
        }
        this.hooks.wrote(this, slice);
        if (flushed) resolve();
      });
      if (!flushed) {
        // Wait for the kernel to take the backlog before the next slice.
        const onDrain = (): void => {
          this.socket.off('close', onClose);
          resolve();
        };
        const onClose = (): void => {
          this.socket.off('drain', onDrain);
          reject(
            new EndpointError(
              this.error ?? `Could not send to ${this.where()}: the connection closed`,
            ),
          );
        };
        this.socket.once('drain', onDrain);
        this.socket.once('close', onClose);
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
