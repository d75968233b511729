import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { formatHostPort } from '../../shared/net/address';
import { contentSecurityPolicy } from '../core/content-security-policy';
import type { Router } from '../core/router';
import { hostRefusal } from './browser-errors';
import { hostMatcher } from './host-names';
import { serveStatic } from './static-files';
import { createWebSocketTransport } from './websocket-transport';

export interface BrowserServerOptions {
  router: Router;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser mode: serves the built renderer and carries the API over a
 * WebSocket. Bound to loopback unless told otherwise; the page and the
 * socket both need the random token printed in the URL.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = path.resolve(options.rendererDir);
  let origins: string[] = [];
  let hostAllowed: (host: string | undefined) => boolean = () => false;

  const ws = createWebSocketTransport(options.router, {
    token,
    allowedOrigins: () => origins,
    hostAllowed: (h) => hostAllowed(h),
  });
  const server = http.createServer((req, res) => {
    const headers = responseHeaders(cspOrigins(origins));
    if (!hostAllowed(req.headers.host)) {
      res
        .writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end(hostRefusal(req.headers.host));
      return;
    }
    serveStatic(req, res, root, token, headers).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Wirebench could not read its own files.');
    });
  });
  server.on('upgrade', ws.upgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${options.port} on ${host} is already in use; choose another with --port`
            : `The browser mode could not listen on ${host}: ${err.message}`,
        ),
      );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${formatHostPort(address.family === 'IPv6' ? address.address : host, address.port)}`;
  const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'].map(
    (h) => `http://${h}:${address.port}`,
  );
  // CSP host sources cannot name an IPv6 literal; such pages rely on 'self'.
  const cspOrigins = (list: string[]): string[] => list.filter((o) => !o.includes('['));
  origins = [...new Set([origin, ...loopbackNames])];
  hostAllowed = hostMatcher(host, address.port);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The headers of every response: the page's CSP, no sniffing, no referrer, no caching. */
function responseHeaders(origins: string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(origins.map((o) => o.replace(/^http/, 'ws'))),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
