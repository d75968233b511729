import type { IncomingMessage } from 'node:http';

/**
 * The URL a request asks for, or null when its target is no URL at all
 * (`GET http://[ HTTP/1.1` parses as HTTP but not as a URL). `new URL`
 * throws on those; in the 'upgrade' listener that throw ended the process.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://placeholder');
  } catch {
    return null;
  }
}
