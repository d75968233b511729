import net from 'node:net';
import type { TcpServerSpec } from '../../../shared/contract';
import { msg } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { ConnectionListener } from './connection-listener';

/** A listener: accepts many peers, sends to one or all, closes them on demand. */
export class TcpServerEndpoint extends ConnectionListener<TcpServerSpec> {
  async open(): Promise<void> {
    // Paused until TcpConnection switches each socket to the landing buffer (landing-reads.ts).
    const server = net.createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true });
    const address = await this.bind(server, { ipv6Only: this.spec.ipv6Only });
    server.on('connection', (socket) => this.acceptSocket(socket));
    const where = formatHostPort(address.address, address.port);
    this.setState('listening', msg('state.listening', { where }));
  }
}
