import { formatHostPort } from '../../shared/net/address';

/** What was being attempted when the system said no: it shapes the sentence. */
export interface ErrorContext {
  action: 'listen' | 'connect' | 'send' | 'receive' | 'bind';
  host: string;
  port: number;
  timeoutMs?: number;
}

/** A failure whose message is already a sentence for a person. */
export class EndpointError extends Error {
  constructor(
    message: string,
    readonly code: 'wrong-state' | 'not-found' | 'system' | 'invalid-request' = 'system',
  ) {
    super(message);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Open or reopen asked of an endpoint that is open already (a second click
 * on Open, or a request racing one). Catalogue code `endpoint.already-open`.
 */
export function describeAlreadyOpen(where: string): string {
  return `${where} is already open; close it first`;
}

/**
 * A dial ended before it connected because the user closed the client (or
 * dialled again). Catalogue code `socket.dial-aborted`.
 */
export function describeDialAborted(where: string): string {
  return `The connection to ${where} was closed before it was established`;
}

/**
 * Turns a Node system error (EADDRINUSE, ECONNREFUSED, …) into a sentence
 * that names the address and says what happened, never a stack trace.
 */
export function describeSocketError(err: unknown, ctx: ErrorContext): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const where = formatHostPort(ctx.host, ctx.port);
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${ctx.port} on ${ctx.host} is already in use`;
    case 'EACCES':
      return ctx.port > 0 && ctx.port < 1024 && (ctx.action === 'listen' || ctx.action === 'bind')
        ? `Permission denied for port ${ctx.port} on ${ctx.host}: ports below 1024 need administrator rights`
        : `Permission denied to ${ctx.action} on ${where}`;
    case 'EADDRNOTAVAIL':
      return `Address ${ctx.host} is not available on this machine`;
    case 'ECONNREFUSED':
      return `Connection to ${where} was refused: nothing is listening there`;
    case 'ETIMEDOUT':
      return `Connection to ${where} timed out${ctx.timeoutMs ? ` after ${seconds(ctx.timeoutMs)}` : ''}`;
    case 'EHOSTUNREACH':
      return `Host ${ctx.host} is unreachable (no route to it)`;
    case 'ENETUNREACH':
      return `The network of ${ctx.host} is unreachable from this machine`;
    case 'ENOTFOUND':
      return `Host name "${ctx.host}" could not be found`;
    case 'EAI_AGAIN':
      return `Host name "${ctx.host}" could not be looked up right now (the name server did not answer)`;
    case 'ECONNRESET':
      return `Connection with ${where} was reset by the peer`;
    case 'EPIPE':
      return `Could not send to ${where}: the peer has closed the connection`;
    case 'ECONNABORTED':
      return `Connection with ${where} was aborted`;
    case 'EINVAL':
      return `The system rejected ${where} for ${ctx.action}: ${plain(err)}`;
    default:
      return `Could not ${ctx.action} ${ctx.action === 'listen' ? 'on' : 'to'} ${where}: ${plain(err)}`;
  }
}

/** The system's own words, without Node's "syscall address:port" decoration. */
function plain(err: unknown): string {
  if (err instanceof Error) return err.message.replace(/^\w+ /, '').replace(/ \S+:\d+$/, '');
  return String(err);
}

/**
 * A listener stops accepting because the process is (nearly) out of file
 * descriptors. Names the limit, or says it is unknown where it cannot be read.
 */
export function describeDescriptorsShort(
  where: string,
  usage: { open: number | null; limit: number | null },
): string {
  const state =
    usage.limit === null
      ? 'Wirebench has run out of file descriptors (its limit is unknown on this system)'
      : `Wirebench has ${usage.open ?? 'nearly all'} of its ${usage.limit} file descriptors open (the soft limit, ulimit -n)`;
  return `${state}, so ${where} refuses new connections; each one refused is counted. Close connections or raise the limit to accept more.`;
}

/** Descriptors came back: the listener accepts again. */
export function describeDescriptorsBack(where: string, refused: number): string {
  return `${where} accepts new connections again (${refused} refused so far while file descriptors were short)`;
}

/**
 * A send cancelled part way. What the socket already held (one slice at
 * most) cannot be taken back without closing the connection; it still goes
 * if the peer reads, and shows in the log and the counters when it does.
 */
export function describeSendCancelled(sent: number, total: number): string {
  return `Send cancelled: ${sent} of ${total} bytes had reached the system; the rest was not sent. The connection stays open; a last piece already handed to it (at most 256 KiB) still goes, and is logged, if the peer reads.`;
}
