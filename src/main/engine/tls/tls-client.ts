import tls from 'node:tls';
import type { EndpointInfo, TlsClientSpec, TlsSessionInfo } from '../../../shared/contract';
import { msg } from '../../../shared/messages/catalogue';
import { isIPv4, isIPv6, unbracket } from '../../../shared/net/address';
import { EndpointError, describeDialAborted, messageOf } from '../system-errors';
import { SingleConnectionClient } from '../tcp/single-connection-client';
import { describeTlsError, describeTlsStreamError, describeVerifyError } from './tls-errors';
import { checkCertificates, checkMaterial, describeSource, loadCertificate } from './tls-material';
import { peerChain, sessionInfo } from './tls-session';

/**
 * A TLS client: like the TCP client (one connection, reconnect on demand),
 * with the byte path of TcpConnection, since a TLSSocket is a net.Socket.
 * The certificate is checked by hand after the handshake, so a failure can
 * name what the certificate says (its names, its expiry) instead of a code.
 */
export class TlsClientEndpoint extends SingleConnectionClient<TlsClientSpec> {
  /** The name the certificate must carry: SNI when given, else the host. */
  private serverName(): string {
    return this.spec.serverName || unbracket(this.spec.host);
  }

  private async options(): Promise<tls.ConnectionOptions> {
    const { spec } = this;
    const files = this.ctx.files;
    const options: tls.ConnectionOptions = {
      host: unbracket(spec.host),
      port: spec.port,
      // SNI must be a name, never an address (RFC 6066); the check still uses the address.
      servername: isIPv4(this.serverName()) || isIPv6(this.serverName()) ? '' : this.serverName(),
      ALPNProtocols: spec.alpn.length > 0 ? spec.alpn : undefined,
      rejectUnauthorized: false,
    };
    // tls.connect passes this on to its TLSSocket, though the typings omit it: the
    // peer's close_notify must not end our sending side.
    Object.assign(options, { allowHalfOpen: true });
    if (spec.caFileId) {
      options.ca = await files.read(spec.caFileId, msg('tls.file.ca', {}));
      checkCertificates(options.ca, msg('tls.what.ca-file', { file: files.name(spec.caFileId) }));
    }
    if (spec.clientCertificate) {
      const material = await loadCertificate(spec.clientCertificate, files, 'client');
      checkMaterial(material, describeSource(spec.clientCertificate, files, 'client'));
      Object.assign(options, material);
    }
    return options;
  }

  protected async connect(): Promise<void> {
    const spec = this.spec;
    this.closing = false;
    this.setState('connecting', msg('state.connecting-tls', { where: this.target() }));
    let options: tls.ConnectionOptions;
    try {
      options = await this.options();
    } catch (err) {
      this.setState('failed', messageOf(err));
      throw err;
    }
    // Closed while the files were read: dial nothing.
    if (this.closing) throw new EndpointError(describeDialAborted(this.target()));
    const socket = tls.connect(options);
    this.pending = socket;
    const ctx = { host: spec.host, port: spec.port, serverName: this.serverName() };
    return new Promise<void>((resolve, reject) => {
      const dial = this.watchDial(
        socket,
        () =>
          socket.connecting
            ? describeTlsError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), {
                ...ctx,
                timeoutMs: spec.timeoutMs,
              })
            : msg('tls.handshake-timeout', { where: this.target(), timeoutMs: spec.timeoutMs }),
        reject,
      );
      socket.once('close', () =>
        dial.fail(msg('tls.closed-before-handshake', { where: this.target() })),
      );
      socket.once('error', (err) => {
        dial.fail(describeTlsError(err, { ...ctx, timeoutMs: spec.timeoutMs }));
      });
      socket.once('secureConnect', () => {
        if (dial.settled()) return;
        if (spec.verify && !socket.authorized) {
          const chain = peerChain(socket);
          const code = String(socket.authorizationError ?? 'CERT_UNTRUSTED');
          dial.fail(describeVerifyError(code, { ...ctx, cert: chain[0], root: chain.at(-1) }));
          return;
        }
        dial.succeed();
        this.adopt(socket, sessionInfo(socket, ctx));
        resolve();
      });
    });
  }

  private adopt(socket: tls.TLSSocket, session: TlsSessionInfo): void {
    const conn = this.adoptSocket(
      socket,
      msg('state.peer-finished-tls', { where: this.target() }),
      describeTlsStreamError,
    );
    // A TLS alert after the handshake leaves the socket half-open; it is dead, so close it.
    socket.on('error', () => socket.destroy());
    conn.peer.tls = session;
    this.peerChanged(conn.peer);
    const how = { where: this.target(), protocol: session.protocol ?? 'TLS' };
    this.setState(
      'connected',
      msg(this.spec.verify ? 'state.connected-tls' : 'state.connected-tls-unverified', how),
    );
    if (!this.spec.verify && session.authorizationError) {
      this.notice('warning', msg('tls.verification-off', { reason: session.authorizationError }));
    }
  }

  override info(): EndpointInfo {
    return {
      ...super.info(),
      tls: { verificationOff: !this.spec.verify, ownCertificate: null },
    };
  }
}
