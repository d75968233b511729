import type net from 'node:net';
import type { TcpClientSpec } from '../../../shared/contract';
import { msg } from '../../../shared/messages/catalogue';
import { unbracket } from '../../../shared/net/address';
import { landingClientSocket } from './landing-reads';
import { SingleConnectionClient } from './single-connection-client';
import { describeDialAborted, describeSocketError } from '../system-errors';

/** A client: one connection at a time, with a timeout, and reconnect on demand. */
export class TcpClientEndpoint extends SingleConnectionClient<TcpClientSpec> {
  protected connect(): Promise<void> {
    const spec = this.spec;
    this.closing = false;
    this.setState('connecting', msg('state.connecting', { where: this.target() }));
    const socket = landingClientSocket({ allowHalfOpen: true });
    this.pending = socket;
    return new Promise<void>((resolve, reject) => {
      const dial = this.watchDial(
        socket,
        () =>
          describeSocketError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), {
            action: 'connect',
            host: spec.host,
            port: spec.port,
            timeoutMs: spec.timeoutMs,
          }),
        reject,
      );
      // Close destroys a dial in progress without an error: end it now, not at the timeout.
      const onClose = (): void => dial.fail(describeDialAborted(this.target()));
      socket.once('close', onClose);
      socket.once('error', (err) => {
        const host = isLocalBindError(err) ? (spec.localAddress ?? spec.host) : spec.host;
        const port = isLocalBindError(err) ? (spec.localPort ?? 0) : spec.port;
        dial.fail(
          describeSocketError(err, { action: 'connect', host, port, timeoutMs: spec.timeoutMs }),
        );
      });
      socket.once('connect', () => {
        dial.succeed();
        socket.off('close', onClose);
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
    this.adoptSocket(socket, msg('state.peer-finished', { where: this.target() }));
    this.setState('connected', msg('state.connected', { where: this.target() }));
  }
}

/** Errors about our own end (the local address/port we asked to bind). */
function isLocalBindError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EADDRNOTAVAIL' || code === 'EADDRINUSE';
}
