import type net from 'node:net';
import tls from 'node:tls';
import type { CertificateSummary, EndpointInfo, TlsServerSpec } from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { ConnectionListener } from '../tcp/connection-listener';
import { EndpointError, messageOf } from '../system-errors';
import { describeTlsError, describeTlsStreamError } from './tls-errors';
import { checkCertificates, serverMaterial } from './tls-material';
import { createTlsListener, dropHandshakes, type TlsClientAddress } from './tls-listener';
import { sessionInfo } from './tls-session';

/**
 * A TLS listener: the TCP server's behaviour over tls.Server, with its own
 * certificate (from files or generated and kept), and, when asked, each
 * client's certificate shown (checked against the client CA, never enforced:
 * the point is to see what a device presents).
 */
export class TlsServerEndpoint extends ConnectionListener<TlsServerSpec> {
  private ownCertificate: CertificateSummary | null = null;

  async open(): Promise<void> {
    const { host, port, alpn, requestClientCertificate, clientCaFileId } = this.spec;
    let server: tls.Server;
    let origin: MessageRef;
    try {
      const material = await serverMaterial(this.spec.certificate, this.ctx);
      this.ownCertificate = material.ownCertificate;
      origin = material.origin;
      const ca = clientCaFileId
        ? await this.ctx.files.read(clientCaFileId, msg('tls.file.client-ca', {}))
        : undefined;
      if (ca && clientCaFileId) {
        const file = this.ctx.files.name(clientCaFileId);
        checkCertificates(ca, msg('tls.what.client-ca-file', { file }));
      }
      server = createTlsListener(
        {
          ...material.options,
          ca,
          requestCert: requestClientCertificate,
          rejectUnauthorized: false,
          ALPNProtocols: alpn.length > 0 ? alpn : undefined,
        },
        (socket) => this.accept(socket),
        (err, socket, from) => this.handshakeFailed(err, socket, from),
      );
    } catch (err) {
      this.setState('failed', messageOf(err));
      throw err instanceof EndpointError ? err : new EndpointError(messageOf(err));
    }
    await this.bind(server);
    const local = this.local ?? { address: host, port };
    const where = formatHostPort(local.address, local.port);
    this.setState('listening', msg('state.listening-tls', { where, origin }));
  }

  private handshakeFailed(err: Error, socket: tls.TLSSocket, from: TlsClientAddress): void {
    const { host, port } = from;
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
    const conn = this.acceptSocket(socket, describeTlsStreamError);
    // A TLS alert after the handshake leaves the socket half-open; it is dead, so close it.
    socket.on('error', () => socket.destroy());
    conn.peer.tls = sessionInfo(socket, {
      host: conn.peer.address,
      port: conn.peer.port,
      serverName: typeof socket.servername === 'string' ? socket.servername : '',
    });
    this.peerChanged(conn.peer);
  }

  protected override dropUnaccepted(server: net.Server): void {
    dropHandshakes(server);
  }

  override info(): EndpointInfo {
    return {
      ...super.info(),
      tls: { verificationOff: false, ownCertificate: this.ownCertificate },
    };
  }
}
