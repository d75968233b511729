import type net from 'node:net';
import tls from 'node:tls';
import type { CertificateSummary, EndpointInfo, TlsServerSpec } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { Endpoint, type PeerRecord, type SendResult } from './endpoint';
import { pickPeers } from './peer-selection';
import { EndpointError, describeSocketError } from './system-errors';
import { TcpConnection } from './tcp-connection';
import { unbracket } from './tcp-server';
import { describeTlsError, describeTlsStreamError } from './tls-errors';
import { checkCertificates, serverMaterial } from './tls-material';
import { sessionInfo } from './tls-session';

/**
 * A TLS listener: the TCP server's behaviour over tls.Server, with its own
 * certificate (from files or generated and kept), and, when asked, each
 * client's certificate shown (checked against the client CA, never enforced:
 * the point is to see what a device presents).
 */
export class TlsServerEndpoint extends Endpoint<TlsServerSpec> {
  private server: tls.Server | null = null;
  private ownCertificate: CertificateSummary | null = null;
  private readonly connections = new Map<string, TcpConnection>();

  async open(): Promise<void> {
    const { host, port, alpn, requestClientCertificate, clientCaFileId } = this.spec;
    let server: tls.Server;
    let origin: string;
    try {
      const material = await serverMaterial(this.spec.certificate, this.ctx);
      this.ownCertificate = material.ownCertificate;
      origin = material.origin;
      const ca = clientCaFileId
        ? await this.ctx.files.read(clientCaFileId, 'client CA')
        : undefined;
      if (ca && clientCaFileId) {
        checkCertificates(ca, `the client CA file ${this.ctx.files.name(clientCaFileId)}`);
      }
      server = tls.createServer({
        ...material.options,
        ca,
        requestCert: requestClientCertificate,
        rejectUnauthorized: false,
        ALPNProtocols: alpn.length > 0 ? alpn : undefined,
        allowHalfOpen: true,
        noDelay: true,
      });
    } catch (err) {
      this.setState('failed', (err as Error).message);
      throw err instanceof EndpointError ? err : new EndpointError((err as Error).message);
    }
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => {
        reject(new EndpointError(describeSocketError(err, { action: 'listen', host, port })));
      });
      server.listen({ host: unbracket(host), port }, () => resolve());
    }).catch((err: Error) => {
      this.server = null;
      this.setState('failed', err.message);
      throw err;
    });
    server.on('secureConnection', (socket) => this.accept(socket));
    server.on('tlsClientError', (err, socket: tls.TLSSocket) => this.handshakeFailed(err, socket));
    server.on('error', (err) => this.notice('error', `Listener error: ${err.message}`));
    const address = server.address() as net.AddressInfo;
    this.local = { address: address.address, port: address.port };
    this.setState(
      'listening',
      `Listening with TLS on ${formatHostPort(address.address, address.port)}, showing ${origin}`,
    );
  }

  private handshakeFailed(err: Error, socket: tls.TLSSocket): void {
    const host = socket.remoteAddress ?? '?';
    const port = socket.remotePort ?? 0;
    this.notice(
      'warning',
      describeTlsError(err, {
        host,
        port,
        serverName: socket.servername || host,
        action: 'accept',
      }),
    );
  }

  private accept(socket: tls.TLSSocket): void {
    socket.setNoDelay(true);
    const conn = new TcpConnection(
      this.ctx.nextPeerId(),
      socket,
      this.ctx.clock(),
      {
        data: (c, data) => this.record(c.peer, 'rx', data),
        wrote: (c, data) => this.record(c.peer, 'tx', data),
        end: (c) => {
          this.notice(
            'info',
            `${formatHostPort(c.peer.address, c.peer.port)} closed its sending side; you can still send to it`,
          );
          this.ctx.sink.changed(this.id);
        },
        close: (c, reason) => {
          this.connections.delete(c.peer.id);
          if (reason) this.notice('warning', reason);
          this.ctx.sink.changed(this.id);
        },
      },
      describeTlsStreamError,
    );
    // A TLS alert after the handshake leaves the socket half-open; it is dead, so close it.
    socket.on('error', () => socket.destroy());
    conn.peer.tls = sessionInfo(socket, {
      host: conn.peer.address,
      port: conn.peer.port,
      serverName: typeof socket.servername === 'string' ? socket.servername : '',
    });
    this.connections.set(conn.peer.id, conn);
    this.ctx.sink.changed(this.id);
  }

  override info(): EndpointInfo {
    return {
      ...super.info(),
      tls: { verificationOff: false, ownCertificate: this.ownCertificate },
    };
  }

  async send(peerId: string | undefined, data: Uint8Array): Promise<SendResult> {
    const targets = pickPeers(this.connections, peerId, this.describe());
    await Promise.all(targets.map((c) => c.write(data)));
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
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const left = this.connections.size;
    this.setState(
      'closed',
      left > 0 ? `Stopped listening; ${left} peer(s) still connected` : 'Stopped listening',
    );
  }

  private describe(): string {
    return this.local ? formatHostPort(this.local.address, this.local.port) : 'this listener';
  }
}
