import net from 'node:net';
import tls from 'node:tls';

/** Each listener's accepted sockets, handshaking or not, until they close. */
const socketsOf = new WeakMap<net.Server, Set<net.Socket>>();

/** Where a client is, for saying who failed a handshake. */
export interface TlsClientAddress {
  host: string;
  port: number;
}

/**
 * The address, asked while the socket is open: Node asks the system on
 * first use, and a closed socket no longer has one (a client that left
 * during its handshake is described once its socket has closed).
 */
function addressOf(socket: net.Socket): TlsClientAddress | null {
  return socket.remoteAddress ? { host: socket.remoteAddress, port: socket.remotePort ?? 0 } : null;
}

/** The accepted TCP socket under a TLS socket (Node's `_parent`), if this Node has it there. */
function tcpUnder(socket: tls.TLSSocket): net.Socket | null {
  const parent = (socket as { _parent?: unknown })._parent;
  return parent instanceof net.Socket ? parent : null;
}

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
  failed: (err: Error, socket: tls.TLSSocket, from: TlsClientAddress) => void,
): tls.Server {
  const server = tls.createServer({ ...options, allowHalfOpen: false, noDelay: true });
  const sockets = new Set<net.Socket>();
  socketsOf.set(server, sockets);
  server.on('connection', (socket: net.Socket) => {
    void socket.remoteAddress; // asked now, while it is open: kept for a failure's notice
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
  server.on('tlsClientError', (err, socket: tls.TLSSocket) => {
    // Dropped by Stop listening, or failing after it: nobody is listening to be told.
    if (!server.listening) return;
    const under = tcpUnder(socket);
    failed(err, socket, addressOf(socket) ?? (under && addressOf(under)) ?? { host: '?', port: 0 });
  });
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
