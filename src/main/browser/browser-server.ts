import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { formatHostPort } from '../../shared/net/address';
import { contentSecurityPolicy } from '../core/content-security-policy';
import type { Router } from '../core/router';
import { createWebSocketTransport, tokensMatch } from './websocket-transport';

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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

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

  const ws = createWebSocketTransport(options.router, { token, allowedOrigins: () => origins });
  const server = http.createServer((req, res) => {
    serveStatic(req, res, root, token, cspOrigins(origins)).catch(() => {
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

async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  token: string,
  origins: string[],
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const headers = {
    'content-security-policy': contentSecurityPolicy(origins.map((o) => o.replace(/^http/, 'ws'))),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res
      .writeHead(405, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end('Only GET is served here.');
    return;
  }
  const isPage = url.pathname === '/' || url.pathname === '/index.html';
  if (isPage && !tokensMatch(url.searchParams.get('token') ?? '', token)) {
    res
      .writeHead(401, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end('Wirebench needs its token: open the full URL that `npm run serve` printed.');
    return;
  }
  const file = path.resolve(root, `.${decodeURIComponent(isPage ? '/index.html' : url.pathname)}`);
  const stat = file.startsWith(root + path.sep) ? await fs.stat(file).catch(() => null) : null;
  if (!stat?.isFile()) {
    res
      .writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end('Not found.');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
