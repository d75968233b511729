import { createReadStream, promises as fs, type Stats } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { malformedTarget } from './browser-errors';
import { requestUrl } from './request-url';
import { tokensMatch } from './websocket-transport';

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
 * The built renderer's files, over HTTP. The page itself (index.html, however
 * its path is spelled) needs the token; nothing outside `root` is served.
 */
export async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  token: string,
  headers: Record<string, string>,
): Promise<void> {
  const text = (status: number, body: string): void => {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Only GET is served here.');
  const url = requestUrl(req);
  if (!url) return text(400, malformedTarget());
  const file = resolveInside(root, url.pathname);
  const stat = file === null ? null : await fs.stat(file).catch(() => null);
  if (file === null || !stat?.isFile()) return text(404, 'Not found.');
  if (
    (await isThePage(root, file, stat)) &&
    !tokensMatch(url.searchParams.get('token') ?? '', token)
  ) {
    return text(401, 'Wirebench needs its token: open the full URL that `npm run serve` printed.');
  }
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
  });
  if (req.method === 'HEAD') res.end();
  else sendFile(res, file);
}

/**
 * The file a URL path names below `root` (the folder itself is its
 * index.html), or null when the path leaves it or is malformed.
 */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed %-escape is a 404
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${decoded}`);
  if (file === root) return path.join(root, 'index.html');
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * Whether `file` is the page, judged on the file itself rather than on how
 * its path was spelled: `/assets/..%2findex.html`, `/INDEX.HTML` on a
 * case-insensitive disk, or a link to it are all the page.
 */
async function isThePage(root: string, file: string, stat: Stats): Promise<boolean> {
  const pagePath = path.join(root, 'index.html');
  if (file.toLowerCase() === pagePath.toLowerCase()) return true;
  const page = await fs.stat(pagePath).catch(() => null);
  // Some file systems give no inode numbers (0): the path comparison above is then all there is.
  return page !== null && page.ino !== 0 && page.dev === stat.dev && page.ino === stat.ino;
}

/**
 * Streams a file into a response whose headers are sent. With pipeline, a
 * file that vanishes or fails to read meanwhile ends this response (the
 * client sees it cut short); .pipe() left that 'error' unhandled, which
 * ended the process.
 */
export function sendFile(res: http.ServerResponse, file: string): void {
  pipeline(createReadStream(file), res, () => undefined);
}
