import type net from 'node:net';
import tls from 'node:tls';

/** Each listener's accepted sockets, handshaking or not, until they close. */
const socketsOf = new WeakMap<net.Server, Set<net.Socket>>();

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
  const sockets = new Set<net.Socket>();
  socketsOf.set(server, sockets);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    // Its handshake ended after Stop listening (the peers kept): it is nobody's peer.
    if (!server.listening) {
      socket.destroy();
      return;
    }
    // Read when the peer's FIN comes, so set before any byte of it is read.
    socket.allowHalfOpen = true;
    secure(socket);
  });
  server.on('tlsClientError', failed);
  return server;
}

/**
 * Destroys every socket a listener made by createTlsListener still has,
 * once it stopped listening and its peers were closed: what is left are
 * handshakes (a client that connected and says nothing, a device stuck
 * half-way), which Node keeps until its 120 s handshake timeout and which
 * server.close() waits for, holding Stop listening and quitting. Nothing
 * for any other server.
 */
export function dropHandshakes(server: net.Server): void {
  for (const socket of socketsOf.get(server) ?? []) socket.destroy();
}
