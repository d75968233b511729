import tls from 'node:tls';

/**
 * A tls.Server for a listener whose peers may half-close (the TLS server and
 * the relay's TLS mode). allowHalfOpen is off while a client handshakes and
 * turned on for its socket once it is secure: on from the start, a client
 * that leaves during the handshake (a probe that closes right after its own
 * Finished) is neither an error nor a peer, and its socket lingers until
 * Node's handshake timeout (120 s), holding Stop listening and quitting
 * with it. Off, the server says ECONNRESET at once (`failed`).
 */
export function createTlsListener(
  options: tls.TlsOptions,
  secure: (socket: tls.TLSSocket) => void,
  failed: (err: Error, socket: tls.TLSSocket) => void,
): tls.Server {
  const server = tls.createServer({ ...options, allowHalfOpen: false, noDelay: true });
  server.on('secureConnection', (socket) => {
    // Read when the peer's FIN comes, so set before any byte of it is read.
    socket.allowHalfOpen = true;
    secure(socket);
  });
  server.on('tlsClientError', failed);
  return server;
}
