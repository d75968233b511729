import type dgram from 'node:dgram';
import { KernelDropWatch, udpTablePath } from './kernel-drops';

/**
 * What the kernel does for a UDP endpoint's receiving: the SO_RCVBUF it
 * granted while a socket is bound, and the datagrams it dropped for want
 * of room, kept across rebinds.
 */
export class ReceiveSide {
  /** What the kernel reports it granted for SO_RCVBUF, while bound. */
  private granted: number | null = null;
  private watch: KernelDropWatch | null = null;
  /** Kernel drops of this endpoint's earlier sockets (before a rebind). */
  private dropsBefore = 0;
  /** Whether the system says what it drops (null until the first bind). */
  private dropsKnown: boolean | null = null;

  /** Asks for SO_RCVBUF on a socket being set up; keeps what the kernel says it granted. */
  askBuffer(socket: dgram.Socket, bytes: number): void {
    try {
      socket.setRecvBufferSize(bytes);
    } catch {
      // Only a larger buffer is lost; the system's default still works, and the size shows.
    }
    try {
      this.granted = socket.getRecvBufferSize();
    } catch {
      this.granted = null;
    }
  }

  /** Starts reading the kernel's drop counter of the bound socket. */
  watchDrops(
    socket: dgram.Socket,
    family: 'IPv4' | 'IPv6',
    port: number,
    onChange: () => void,
  ): void {
    this.watch = new KernelDropWatch(socket, udpTablePath(family), port, onChange);
    this.dropsKnown = this.watch.known;
  }

  /** Reads the kernel's count one last time before the socket goes, and keeps it. */
  stop(): void {
    const watch = this.watch;
    this.watch = null;
    this.granted = null;
    if (watch) this.dropsBefore += watch.stop();
  }

  /** The receive buffer asked and granted, and the drops (null where the system cannot say). */
  details(asked: number): {
    receiveBuffer: { asked: number; granted: number | null };
    kernelDrops: number | null;
  } {
    return {
      receiveBuffer: { asked, granted: this.granted },
      kernelDrops: this.dropsKnown ? this.dropsBefore + (this.watch?.drops ?? 0) : null,
    };
  }
}
