import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentSecurityPolicy } from '../core/content-security-policy';

/** The renderer loads from app://wirebench/, not file://, so it has a real origin. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://wirebench`;

/**
 * A test for "is this URL ours?". Compares scheme, host and port, not
 * `URL.origin`: Node gives every non-special scheme (app:, file:, data:,
 * about:) the same opaque origin "null", so an origin check would let
 * file:///etc/passwd or data: pass as the app.
 */
export function appUrlMatcher(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (url) => {
    try {
      const candidate = new URL(url);
      return candidate.protocol === app.protocol && candidate.host === app.host;
    } catch {
      return false;
    }
  };
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer with the CSP as a header; nothing outside its folder. */
export function serveAppProtocol(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = resolveInside(root, url.pathname === '/' ? '/index.html' : url.pathname);
    if (url.host !== 'wirebench' || file === null) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** The file a URL path names below `root`, or null when it leaves it or is malformed. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed %-escape is a 404, not a failed handler
  }
  const file = path.resolve(root, `.${decoded}`);
  return file.startsWith(root + path.sep) ? file : null;
}
