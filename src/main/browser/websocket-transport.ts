import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../shared/wire/binary-json';
import { encodeEventBatch } from '../../shared/wire/event-wire';
import { msg } from '../../shared/messages/catalogue';
import { MAX_REQUEST_MESSAGE_BYTES } from '../../shared/wire/limits';
import { WireError } from '../../shared/wire/wire-error';
import { malformedRequest } from '../../shared/wire/wire-errors';
import type { Router } from '../core/router';
import { hostRefusal, malformedTarget } from './browser-errors';
import { requestUrl } from './request-url';
import { UnreadGuard } from './unread-guard';

/** Who may open the socket: a Host we answer to, the token in the URL, our own page as Origin. */
export interface WebSocketGate {
  token: string;
  allowedOrigins: () => string[];
  hostAllowed: (host: string | undefined) => boolean;
}

/**
 * The browser mode's transport: the same router as Electron IPC, over a
 * WebSocket. Calls are `{kind:'call', id, op, payload}`, answered by
 * `{kind:'result', id, result}`; events arrive as `{kind:'events', batch}`.
 */
export function createWebSocketTransport(router: Router, gate: WebSocketGate) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_MESSAGE_BYTES });

  const guards = new Set<UnreadGuard>();

  wss.on('connection', (ws: WebSocket, _req: IncomingMessage, socket: Duplex) => {
    const send = (message: unknown): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
    };
    // Encoded now, while every chunk is still in the log's slabs.
    const subscription = router.subscribe((batch) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeEventBatch(batch, true));
    });
    const call = async (raw: Buffer, isBinary: boolean): Promise<void> => {
      let message: { kind?: unknown; id?: unknown; op?: unknown; payload?: unknown };
      try {
        if (!isBinary) throw new WireError(msg('wire.text-frame', {}));
        // The decoder copies each byte field out, so the message itself is not copied first.
        message = decodeMessage(raw) as typeof message;
      } catch (err) {
        send({ kind: 'error', message: malformedRequest(err) });
        return;
      }
      if (message?.kind !== 'call' || typeof message.id !== 'number') {
        send({
          kind: 'error',
          message: malformedRequest(new WireError(msg('wire.not-a-call', {}))),
        });
        return;
      }
      const result = await router.handle(message.op, message.payload, subscription);
      send({ kind: 'result', id: message.id, result });
    };
    // A peer that does not read its replies gets no more calls started (unread-guard.ts).
    const guard = new UnreadGuard(ws, socket, (raw, isBinary) => void call(raw, isBinary));
    guards.add(guard);
    ws.on('message', (raw: Buffer, isBinary: boolean) => guard.call(raw, isBinary));
    ws.on('close', () => {
      guards.delete(guard);
      subscription.dispose();
    });
    ws.on('error', () => subscription.dispose());
  });

  /** Hand an HTTP upgrade to us; refuses (with a reason) anything not ours. */
  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = refuse(req, gate);
    if (refusal) {
      // Node hands the raw socket over with no 'error' listener: a peer that
      // resets now would be an unhandled 'error' that ends the process. As
      // ws's own abortHandshake does, listen first and destroy once written.
      socket.on('error', () => socket.destroy());
      socket.once('finish', () => socket.destroy());
      const body = Buffer.from(`${refusal.reason}\n`);
      socket.end(
        `HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body.toString()}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, socket));
  }

  function close(): Promise<void> {
    for (const client of wss.clients) client.terminate();
    return new Promise((resolve) => wss.close(() => resolve()));
  }

  /** What the sockets' guards hold back now (for tests and diagnostics). */
  function stats(): { waitingCalls: number; paused: number } {
    let waitingCalls = 0;
    let paused = 0;
    for (const guard of guards) {
      waitingCalls += guard.waitingCalls;
      if (guard.paused) paused++;
    }
    return { waitingCalls, paused };
  }

  return { upgrade, close, stats };
}

function refuse(
  req: IncomingMessage,
  gate: WebSocketGate,
): { status: string; reason: string } | null {
  if (!gate.hostAllowed(req.headers.host)) {
    return { status: '421 Misdirected Request', reason: hostRefusal(req.headers.host) };
  }
  const url = requestUrl(req);
  if (!url) return { status: '400 Bad Request', reason: malformedTarget() };
  if (url.pathname !== '/ws') return { status: '404 Not Found', reason: 'No such socket.' };
  if (!tokensMatch(url.searchParams.get('token') ?? '', gate.token)) {
    return {
      status: '401 Unauthorized',
      reason: 'Refused: the token is missing or wrong; open the URL that `npm run serve` printed.',
    };
  }
  const origin = req.headers.origin;
  if (!origin || !gate.allowedOrigins().includes(origin)) {
    return {
      status: '403 Forbidden',
      reason: `Refused: the page's origin (${(origin ?? 'none').slice(0, 100)}) is not Wirebench's own.`,
    };
  }
  return null;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte. */
export function tokensMatch(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
