import type { MessageCode } from '../../../src/shared/messages/catalogue';

/**
 * The codes of the catalogue no test makes the system say for real, each
 * with why. test/unit/messages/provocation-coverage checks that every other
 * code is provoked and said in Chinese, and that none listed here is.
 * Their sentences are still checked by the type checker (both languages,
 * exactly their parameters) and rendered by the sentence tables' own tests.
 */
export const UNPROVOKABLE: Partial<Record<MessageCode, string>> = {
  // Socket errors the kernel gives only on a real network, or after minutes.
  'socket.timed-out-plain':
    'ETIMEDOUT without a connect timeout of ours: a retransmission or keepalive timeout on an established connection, minutes after the peer vanished from a real network',
  'socket.aborted':
    'ECONNABORTED: Linux gives it to accept() for a connection reset while it waited in the backlog, and libuv retries those silently',
  'socket.send-failed':
    'the fallback for a send error with no message of its own; every send error a loopback peer can cause (reset, gone, refused) has one',
  'socket.receive-failed':
    'the fallback for a receive error with no message of its own; on loopback a read fails only with ECONNRESET, which has one',
  'socket.listener-error':
    "a listening socket's own error after it listens: on Linux accept() fails only for descriptors (said as socket.descriptors-short) or memory",
  'socket.descriptors-short-nearly':
    'the descriptor count is unknown but the limit known: Linux always has /proc/self/fd, so both are known (socket.descriptors-short)',
  'socket.descriptors-short-unknown':
    'the limit cannot be read: Linux always reports RLIMIT_NOFILE, so it is known (socket.descriptors-short)',
  'state.closed-by-peer':
    "a client's socket is half-open: the peer's FIN half-closes it, a reset closes it with the reset's reason; the one path left is disconnectPeer on a client, which is the user's doing and should say closed-by-you (reported, not changed here)",

  // TLS that OpenSSL 3 and Node do not report the way the code names, or that our endpoints never ask for.
  'tls.name-mismatch-unknown':
    'a name mismatch without the peer certificate: Node reports ERR_TLS_CERT_ALTNAME_INVALID only after it has the certificate',
  'tls.revoked': 'CERT_REVOKED needs a CRL, and neither endpoint loads CRLs',
  'tls.untrusted':
    'CERT_UNTRUSTED/CERT_REJECTED: OpenSSL 3 reports a CA whose trust settings refuse serverAuth as INVALID_PURPOSE (tried -addreject serverAuth, -addtrust clientAuth, -addreject anyExtendedKeyUsage)',
  'tls.invalid-ca':
    'INVALID_CA: OpenSSL 3 reports an intermediate that is no CA as INVALID_PURPOSE first (notca.pem in tls-faults.ts)',
  'tls.closed-before-handshake':
    "Node always emits 'error' (ECONNRESET, said as tls.closed-during-handshake) before 'close' when the socket ends before secureConnect",
  'tls.reason.no-certificate':
    'PEER_DID_NOT_RETURN_A_CERTIFICATE is the verdict of a server that requires a client certificate; our TLS server never requests one',
  'tls.reason.unexpected-eof':
    'Node sets SSL_OP_IGNORE_UNEXPECTED_EOF: a peer that stops mid-record after the handshake ends the stream with no error (tried)',
  'tls.material.load-failed':
    'the fallback for an OpenSSL load error none of the tls.material.* messages names; wrong passphrase, key mismatch, no PEM, old cipher and garbage each have theirs',

  // UDP the contract or the kernel rules out before the system could say it.
  'udp.too-large-for-path':
    "EMSGSIZE below the datagram limit needs a route whose MTU is smaller and DF set; Linux fragments UDP locally by default, and loopback's MTU is 64 KiB",
  'udp.connected-socket':
    'EISCONN: a connected socket is checked before sending to another address (udp.connected-only)',
  'udp.group-join-no-address':
    'EADDRNOTAVAIL on join: Linux answers an interface address it does not have with ENODEV (udp.group-join-no-interface)',
  'udp.group-leave-no-interface':
    'a leave uses the interface the join resolved, which existed then; ENODEV on leave needs the interface removed in between',
  'udp.group-join-refused':
    'EINVAL on join: Linux gives it for a group that is not multicast, which the contract refuses first (field.multicast-group)',
  'udp.group-leave-refused':
    'EINVAL on leave: only for a group that is not multicast, which was never joined (udp.group-not-joined)',
  'udp.group-join-failed':
    'the fallback for a join error without its own message; Linux gives EADDRINUSE, ENODEV, EINVAL, ENOBUFS, each with one',
  'udp.group-leave-failed':
    'the fallback for a leave error without its own message; Linux gives EADDRNOTAVAIL, which has one',
  'udp.option.broadcast':
    'the name of an option inside udp.option-*-refused: SO_BROADCAST is never refused on a bound socket',
  'udp.option.ttl':
    'the name of an option inside udp.option-refused: IP_TTL is never refused for the 1–255 the contract allows',
  'udp.option.hop-limit':
    'the name of an option inside udp.option-refused: IPV6_UNICAST_HOPS is never refused for the 1–255 the contract allows',
  'udp.option.multicast-ttl':
    'the name of an option inside udp.option-refused: IP_MULTICAST_TTL is never refused for the 0–255 the contract allows',
  'udp.option.multicast-hops':
    'the name of an option inside udp.option-refused: IPV6_MULTICAST_HOPS is never refused for the 0–255 the contract allows',
  'udp.option.multicast-loopback':
    'the name of an option inside udp.option-*-refused: IP_MULTICAST_LOOP is never refused on a bound socket',
  'udp.option-on-refused':
    'a switch (broadcast, multicast loopback) the system refused to turn on: never on a bound socket',
  'udp.option-off-refused':
    'a switch (broadcast, multicast loopback) the system refused to turn off: never on a bound socket',
  'udp.no-such-iface':
    'no interface of the family at all: the test machine always has loopback in both families (udp.no-such-iface-list)',
  'state.closed-by-system':
    "a UDP socket's 'close' that is not ours: Node closes a dgram socket only when asked",
  'relay.socket-error':
    "an 'error' event on a bound UDP relay socket: send errors are reported per datagram, and a bound dgram socket emits no other",

  // Captures, exports and the search worker.
  'export.too-large':
    'an export past 256 MiB: a test would write a quarter of a gigabyte through a capture first',
  'search.worker-failed':
    "the search worker thread's own uncaught error: the kernel code it runs has none a pattern can cause (a bad pattern is search.bad-regex)",
  'search.worker-exited':
    'the search worker thread exited unasked: it is in-process, with no pid a test could kill',
  'search.runaway-cancelled':
    "the worker restarted for a cancelled scan's runaway job: the other scans' jobs retry (search.stopped comes only after three)",
  'search.job-failed': 'a worker job that threw: the kernel code has no error a request can cause',
  'app.closing':
    'the search worker refused because the app is closing: the window is gone by then, nobody reads it',
  'fs.io-error': 'EIO needs a failing disk',

  // The router's and the wire's last resorts, and Electron-only checks (the e2e tests run the browser mode).
  'request.internal':
    'a handler that throws something not an EndpointError: a bug, and each found one was fixed',
  'request.not-from-window':
    "Electron IPC from a frame that is not the app's main frame: the preload exposes no way to make one",
  'wire.not-a-message':
    'Electron IPC carrying something else than bytes: the preload always sends an encoded message',
  'wire.too-large':
    'a message past the limit over Electron IPC; over the browser mode WebSocket ws closes the socket instead (app.disconnected, 1009, provoked)',
  'wire.unencodable':
    'a request JSON cannot carry (a cycle, a BigInt) in the preload: the page builds requests from the contract, never with those',

  // The window's own last resorts.
  'app.unexpected-error':
    "main's last-resort handler for an uncaught error: a bug, and each found one was fixed",
  'app.unexpected-error-stderr':
    "main's last-resort handler when even its log file cannot be written",
  'app.not-connected':
    'a call while the WebSocket is neither open nor closed with a reason: calls wait for it to open, so only its brief CLOSING state remains',
  'app.failed': "the window's last resort for an error of its own code: a bug",
  'window.clipboard-refused':
    "both the clipboard API and execCommand('copy') refused: Chromium allows the copy a click makes",

  // Shared checks with no path from the product.
  'payload.no-random-source':
    'a {{random}} expanded without a random source: main and the preview always give one',
  'payload.random-short':
    'a random source that gave fewer bytes than asked: crypto.getRandomValues never does',
  'payload.placeholder-unencodable':
    "a placeholder's text the encoding cannot carry: counters and timestamps are ASCII digits, which every offered encoding carries",
  'frame.ended-after-delimiter':
    'said by Framer.end(), which the product never calls: the framed views flush on idle, they do not end a stream',
  'frame.ended-in-frame':
    'said by Framer.end(), which the product never calls: the framed views flush on idle, they do not end a stream',
  'frame.ended-in-header':
    'said by Framer.end(), which the product never calls: the framed views flush on idle, they do not end a stream',

  // Automation: what only a target outside the engine, or a bug, can say.
  'automation.connection-removed':
    'a run on a removed connection stops with it, but its slot and statuses are forgotten with the endpoint, so no window is ever told',
  'automation.target-closed':
    "the engine's targets always abort with a message of their own (connection-closed, peer-gone); a bare abort comes only from a plain test socket",
  'automation.target-closed-because':
    "the reason of a plain socket's abort (a sentence or an Error): the engine's targets abort with automation messages instead",
  'automation.crashed':
    'the last resort for an exception inside a periodic send or a sequence, or a payload that fails to compose without an issue: a bug',
};
