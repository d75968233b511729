import { getSystemErrorMap } from 'node:util';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { formatHostPort } from '../../shared/net/address';

/** What was being attempted when the system said no: it shapes the message. */
export interface ErrorContext {
  action: 'listen' | 'connect' | 'send' | 'receive' | 'bind';
  host: string;
  port: number;
  timeoutMs?: number;
}

/**
 * A failure a person is told of: a catalogue message (`ref`), which the
 * window says in its language. The Error's own message is the code and its
 * values, for logs and stack traces only; nothing shows it to a person.
 */
export class EndpointError extends Error {
  constructor(
    readonly ref: MessageRef,
    readonly code: 'wrong-state' | 'not-found' | 'system' | 'invalid-request' = 'system',
  ) {
    super(`${ref.code} ${JSON.stringify(ref.params)}`);
  }
}

/** What to tell a person about `err`: its message when it is ours, else what it said. */
export function messageOf(err: unknown): MessageRef {
  if (err instanceof EndpointError) return err.ref;
  return msg('endpoint.failed-unexpectedly', { detail: plain(err) });
}

/**
 * Open or reopen asked of an endpoint that is open already (a second click
 * on Open, or a request racing one).
 */
export function describeAlreadyOpen(where: string): MessageRef {
  return msg('endpoint.already-open', { where });
}

/**
 * A dial ended before it connected because the user closed the client (or
 * dialled again).
 */
export function describeDialAborted(where: string): MessageRef {
  return msg('socket.dial-aborted', { where });
}

/**
 * Turns a Node system error (EADDRINUSE, ECONNREFUSED, …) into a message
 * that names the address and says what happened, never a stack trace.
 */
export function describeSocketError(err: unknown, ctx: ErrorContext): MessageRef {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const { host, port } = ctx;
  const where = formatHostPort(host, port);
  switch (code) {
    case 'EADDRINUSE':
      return msg('socket.address-in-use', { host, port });
    case 'EACCES':
      return port > 0 && port < 1024 && (ctx.action === 'listen' || ctx.action === 'bind')
        ? msg('socket.port-needs-admin', { host, port })
        : msg('socket.permission-denied', { where });
    case 'EADDRNOTAVAIL':
      return msg('socket.address-not-here', { host });
    case 'ECONNREFUSED':
      return msg('socket.refused', { where });
    case 'ETIMEDOUT':
      return ctx.timeoutMs
        ? msg('socket.timed-out', { where, timeoutMs: ctx.timeoutMs })
        : msg('socket.timed-out-plain', { where });
    case 'EHOSTUNREACH':
      return msg('socket.host-unreachable', { host });
    case 'ENETUNREACH':
      return msg('socket.network-unreachable', { host });
    case 'ENOTFOUND':
      return msg('socket.host-not-found', { host });
    case 'EAI_AGAIN':
      return msg('socket.host-lookup-failed', { host });
    case 'ECONNRESET':
      return msg('socket.reset', { where });
    case 'EPIPE':
      return msg('socket.peer-gone', { where });
    case 'ECONNABORTED':
      return msg('socket.aborted', { where });
    case 'EINVAL':
      return msg('socket.rejected', { where, detail: plain(err) });
    default:
      return msg(FAILED[ctx.action], { where, detail: plain(err) });
  }
}

const FAILED = {
  listen: 'socket.listen-failed',
  connect: 'socket.connect-failed',
  send: 'socket.send-failed',
  receive: 'socket.receive-failed',
  bind: 'socket.bind-failed',
} as const;

/**
 * The system's own words: for an errno error its name and libuv's words
 * ("EMFILE (too many open files)"), never Node's decoration around them
 * ("connect EMFILE 127.0.0.1:9 - Local (undefined:undefined)").
 */
export function plain(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (typeof e?.errno === 'number' && e.code) {
    const words = getSystemErrorMap().get(e.errno)?.[1];
    return words ? `${e.code} (${words})` : e.code;
  }
  if (err instanceof Error) return err.message.replace(/^\w+ /, '').replace(/ \S+:\d+$/, '');
  return String(err);
}

/** Why the system would not hand over (or make) a file; its own words otherwise. */
export function fileFailure(err: NodeJS.ErrnoException): MessageRef {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return msg('fs.permission-denied', {});
    case 'EISDIR':
      return msg('fs.is-folder', {});
    case 'EMFILE':
    case 'ENFILE':
      return msg('fs.too-many-open', {});
    case 'EIO':
      return msg('fs.io-error', {});
    default:
      return msg('fs.other', { detail: plain(err) });
  }
}

/**
 * A listener stops accepting because the process is (nearly) out of file
 * descriptors. Names the limit, or says it is unknown where it cannot be read.
 */
export function describeDescriptorsShort(
  where: string,
  usage: { open: number | null; limit: number | null },
): MessageRef {
  if (usage.limit === null) return msg('socket.descriptors-short-unknown', { where });
  if (usage.open === null)
    return msg('socket.descriptors-short-nearly', { where, limit: usage.limit });
  return msg('socket.descriptors-short', { where, open: usage.open, limit: usage.limit });
}

/** Descriptors came back: the listener accepts again. */
export function describeDescriptorsBack(where: string, refused: number): MessageRef {
  return msg('socket.descriptors-back', { where, refused });
}

/**
 * A send cancelled part way. What the socket already held (one slice at
 * most) cannot be taken back without closing the connection; it still goes
 * if the peer reads, and shows in the log and the counters when it does.
 */
export function describeSendCancelled(sent: number, total: number): MessageRef {
  return msg('send.cancelled', { sent, total });
}
