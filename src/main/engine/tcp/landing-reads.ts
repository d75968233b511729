import net from 'node:net';

/** Node's own read size for a socket. */
const LANDING_BYTES = 64 * 1024;

/**
 * Plain TCP sockets read into this one buffer instead of a fresh Buffer per
 * read: fresh memory for every read means page faults and garbage, while a
 * buffer that stays mapped and in cache, copied into the capture log's
 * slabs, keeps up with a server that discards (figures: bench/README.md).
 *
 * Sharing one buffer between sockets is safe because a read fills it and
 * its callback runs to the end before the next read on this thread starts;
 * the callback must therefore copy what it keeps (the capture log does)
 * and hand nobody the view it was given.
 */
const landing = new Uint8Array(LANDING_BYTES);

export type OnBytes = (data: Uint8Array) => void;

/** The `onread` callback: the bytes a read put in the landing buffer, to `onBytes`. */
function landedTo(onBytes: OnBytes): net.OnReadOpts['callback'] {
  return (nread, buf) => {
    onBytes(buf.subarray(0, nread));
    return true;
  };
}

/** Clients made by landingClientSocket, and how to say where their bytes go. */
const clientTargets = new WeakMap<net.Socket, (onBytes: OnBytes) => void>();

/**
 * A client socket that reads into the landing buffer through Node's public
 * `onread` option. Reads start once it connects; readBytes() then says who
 * gets them (before that, nothing can arrive).
 */
export function landingClientSocket(options: net.SocketConstructorOpts): net.Socket {
  let target: OnBytes | null = null;
  const socket = socketWithOnread(options, {
    buffer: landing,
    callback: landedTo((data) => target?.(data)),
  });
  clientTargets.set(socket, (onBytes) => {
    target = onBytes;
  });
  return socket;
}

/**
 * Sends a socket's bytes to `onBytes`, as views the callee must copy
 * before it returns when the socket reads into the landing buffer. Accepted
 * sockets of a server made with `pauseOnConnect` are switched to the landing
 * buffer before their first read (Node has no public way to give a server's
 * sockets `onread`); any other socket, or a Node whose internals differ from
 * those this was written against, reads as usual through 'data'.
 */
export function readBytes(socket: net.Socket, onBytes: OnBytes): void {
  const setClientTarget = clientTargets.get(socket);
  if (setClientTarget) {
    setClientTarget(onBytes);
    return;
  }
  const pausedOnConnect = socket.readableFlowing === false;
  if (!pausedOnConnect || !switchToLanding(socket, onBytes)) socket.on('data', onBytes);
  if (pausedOnConnect) socket.resume();
}

/** Node documents `onread` for the Socket constructor; its types have it on connect options only. */
function socketWithOnread(options: net.SocketConstructorOpts, onread: net.OnReadOpts): net.Socket {
  return new net.Socket({ ...options, onread } as net.SocketConstructorOpts);
}

interface UserBufferSlots {
  buffer: symbol;
  callback: symbol;
  generator: symbol;
}

let slots: UserBufferSlots | null | undefined;

/**
 * Where a net.Socket keeps its `onread` state. Found by building sockets
 * with `onread` and looking for the values we gave, not by the symbols'
 * names; null when they are not there.
 */
function userBufferSlots(): UserBufferSlots | null {
  if (slots !== undefined) return slots;
  const callback = (): boolean => true;
  const generator = (): Uint8Array => landing;
  const fixed = socketWithOnread({}, { buffer: landing, callback });
  const generated = socketWithOnread({}, { buffer: generator, callback });
  const find = (socket: net.Socket, value: unknown): symbol | undefined =>
    Object.getOwnPropertySymbols(socket).find(
      (key) => (socket as unknown as Record<symbol, unknown>)[key] === value,
    );
  const buffer = find(fixed, landing);
  const cb = find(fixed, callback);
  const gen = find(generated, generator);
  fixed.destroy();
  generated.destroy();
  slots = buffer && cb && gen ? { buffer, callback: cb, generator: gen } : null;
  return slots;
}

interface StreamHandle {
  reading?: boolean;
  useUserBuffer?: (buffer: Uint8Array) => void;
}

/** What `new net.Socket({onread})` sets up, done to a socket that has not read yet. */
function switchToLanding(socket: net.Socket, onBytes: OnBytes): boolean {
  if (socket.constructor !== net.Socket) return false; // TLS and other wrappers read their own way
  const handle = (socket as unknown as { _handle?: StreamHandle | null })._handle;
  const found = userBufferSlots();
  if (!found || !handle || handle.reading || typeof handle.useUserBuffer !== 'function') {
    return false;
  }
  const state = socket as unknown as Record<symbol, unknown>;
  if (state[found.buffer] !== null || state[found.generator] !== null) return false;
  state[found.buffer] = landing;
  state[found.callback] = landedTo(onBytes);
  handle.useUserBuffer(landing);
  return true;
}

/** Whether accepted sockets can read into the landing buffer on this Node (for tests). */
export function acceptedSocketsUseLanding(): boolean {
  return userBufferSlots() !== null;
}
