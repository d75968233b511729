import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { hostMatcher } from '../../src/main/browser/host-names';
import { sendFile } from '../../src/main/browser/static-files';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import { inEnglish } from '../helpers/english';
import type { MessageCode, MessageRef } from '../../src/shared/messages/catalogue';
import { expectChinese } from '../helpers/chinese';
import { eventually } from '../helpers/peers';

/**
 * The browser mode's gate: loopback by default, the token on the page and
 * on the socket, our own Origin only, a strict CSP, nothing outside the
 * renderer's folder; every refusal says why.
 */
let backend: Backend;
let server: BrowserServer;
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-serve-'));

beforeAll(async () => {
  const renderer = path.join(work, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Wirebench</title>');
  writeFileSync(path.join(renderer, 'assets/app.js'), 'console.log(1)');
  writeFileSync(path.join(work, 'secret.txt'), 'outside the renderer');
  backend = createBackend({ version: 'test', mode: 'browser' });
  server = await startBrowserServer({ router: backend.router, rendererDir: renderer });
});
afterAll(async () => {
  await server.close();
  await backend.dispose();
  rmSync(work, { recursive: true, force: true });
});

function get(
  pathAndQuery: string,
  method = 'GET',
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const options = { host: hostname, port, path: pathAndQuery, method, headers };
    const req = http.request(options, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, origin: string | undefined, host?: string) {
  const url = `${server.origin.replace('http', 'ws')}/ws${query}`;
  const ws = new WebSocket(url, {
    headers: { ...(origin ? { origin } : {}), ...(host ? { host } : {}) },
  });
  return new Promise<{ ok: true; ws: WebSocket } | { ok: false; status: number; body: string }>(
    (resolve) => {
      ws.on('open', () => resolve({ ok: true, ws }));
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, body }));
      });
      ws.on('error', () => undefined);
    },
  );
}

describe('browser mode gate', () => {
  it('binds loopback by default with a long random token', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
  });

  it('serves the page only with the token, under a strict CSP', async () => {
    const denied = await get('/');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatch(/needs its token/);
    expect((await get('/?token=wrong')).status).toBe(401);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Wirebench</title>');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the renderer folder and only GET/HEAD', async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('outside the renderer');
    }
    const post = await get(`/?token=${server.token}`, 'POST');
    expect(post.status).toBe(405);
  });

  it('refuses a socket without the token, with a wrong token, or from another origin, saying why', async () => {
    const noToken = await openSocket('', server.origin);
    expect(noToken).toMatchObject({ ok: false, status: 401 });
    expect(noToken.ok ? '' : noToken.body).toMatch(/token is missing or wrong/);
    expect(await openSocket('?token=nope', server.origin)).toMatchObject({
      ok: false,
      status: 401,
    });
    const foreign = await openSocket(`?token=${server.token}`, 'http://evil.example');
    expect(foreign).toMatchObject({ ok: false, status: 403 });
    expect(foreign.ok ? '' : foreign.body).toMatch(/origin \(http:\/\/evil\.example\) is not/);
    expect(await openSocket(`?token=${server.token}`, undefined)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('carries calls for our own page, and answers a malformed message with an error, not a crash', async () => {
    const opened = await openSocket(`?token=${server.token}`, server.origin);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const ws = opened.ws;
    const replies: unknown[] = [];
    ws.on('message', (data: Buffer) => replies.push(decodeMessage(new Uint8Array(data))));
    ws.send('not binary');
    ws.send(Buffer.from([1, 2]));
    ws.send(encodeMessage({ kind: 'call', id: 7, op: 'appInfo', payload: {} }));
    const deadline = Date.now() + 5000;
    while (!replies.some((r) => (r as { id?: number }).id === 7) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const errors = replies.filter((r) => (r as { kind: string }).kind === 'error');
    expect(errors).toHaveLength(2);
    expect(inEnglish(errors[0])).toMatchObject({
      message: 'Malformed request: text frames are not accepted',
    });
    expect(inEnglish(errors[1])).toMatchObject({
      message: 'Malformed request: the message is shorter than its header',
    });
    expect(replies.find((r) => (r as { id?: number }).id === 7)).toMatchObject({
      kind: 'result',
      result: { ok: true, value: { version: 'test', mode: 'browser' } },
    });
    ws.close();
  });

  it('says why each malformed message is refused, in Chinese too', async () => {
    const opened = await openSocket(`?token=${server.token}`, server.origin);
    if (!opened.ok) throw new Error('the socket did not open');
    const ws = opened.ws;
    const replies: Array<{ kind: string; message?: MessageRef }> = [];
    ws.on('message', (data: Buffer) =>
      replies.push(decodeMessage(new Uint8Array(data)) as (typeof replies)[number]),
    );
    /** A message as the wire lays it out: a JSON length, the JSON, then a tail of bytes. */
    const laidOut = (json: string, tail: number[] = []): Buffer => {
      const text = Buffer.from(json);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(text.length);
      return Buffer.concat([header, text, Buffer.from(tail)]);
    };
    /** Sends `message`; its refusal must say `code`, in Chinese too. */
    const refusedAs = async (message: Buffer | string, code: MessageCode): Promise<void> => {
      const before = replies.length;
      ws.send(message);
      await eventually(() => replies.length > before, `the answer to ${code}`);
      const said = replies[before]?.message;
      expectChinese(said, 'request.malformed');
      expectChinese(said, code);
    };
    await refusedAs('not binary', 'wire.text-frame');
    await refusedAs(Buffer.from([1, 2]), 'wire.short-header');
    await refusedAs(Buffer.from([0, 0, 0, 50, 123]), 'wire.short-body');
    await refusedAs(laidOut('{"kind": call}'), 'wire.bad-json');
    await refusedAs(
      laidOut('{"a":{"$bin":[0,4]},"b":{"$bin":[2,4]}}', [1, 2, 3, 4, 5, 6]),
      'wire.field-out-of-order',
    );
    await refusedAs(laidOut('{"data":{"$bin":[0,10]}}', [1, 2]), 'wire.field-past-end');
    await refusedAs(laidOut('{}', [1, 2, 3]), 'wire.unreferenced-bytes');
    await refusedAs(Buffer.from(encodeMessage({ kind: 'hello' })), 'wire.not-a-call');
    ws.close();
  });
});

describe('browser mode static serving', () => {
  const port = () => new URL(server.origin).port;

  it('the page needs the token however its path is spelled', async () => {
    for (const p of [
      '/assets/..%2findex.html',
      '/assets/%2e%2e/index.html',
      '/assets/..%2F..%2Findex.html',
      '/./index.html',
      '/%69ndex.html',
      '/assets/../index.html',
      '//index.html',
    ]) {
      const res = await get(p);
      expect(res.status, p).not.toBe(200);
      expect(res.body, p).not.toContain('<title>Wirebench</title>');
    }
    // A link to the page is the page too.
    symlinkSync(
      path.join(work, 'renderer', 'index.html'),
      path.join(work, 'renderer', 'assets', 'page.js'),
    );
    const linked = await get('/assets/page.js');
    expect(linked.status).toBe(401);
    const page = await get(`/assets/..%2findex.html?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Wirebench</title>');
  });

  it('a malformed %-escape is not found, and an address that is no URL a bad request, not failures', async () => {
    const res = await get('/assets/%E0%A4%A.js');
    expect(res.status).toBe(404);
    for (const target of ['http://[', '//[', 'http://%zz/']) {
      const bad = await get(target);
      expect(bad.status, target).toBe(400);
      expect(bad.body).toMatch(/not a URL/);
    }
  });

  it('answers only to the host names it is bound under: a DNS-rebinding page gets nothing', async () => {
    for (const host of [`evil.example:${port()}`, 'evil.example', `127.0.0.1.nip.io:${port()}`]) {
      for (const p of [`/?token=${server.token}`, '/assets/app.js', '/']) {
        const res = await get(p, 'GET', { host });
        expect(res.status, `${host} ${p}`).toBe(421);
        expect(res.body).toMatch(/does not answer to the host name/);
        expect(res.body).not.toContain('Wirebench</title>');
        expect(res.body).not.toContain('console.log');
      }
    }
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`]) {
      expect((await get('/assets/app.js', 'GET', { host })).status, host).toBe(200);
    }
    // The API socket too, even with the token and our own Origin.
    const rebound = await openSocket(
      `?token=${server.token}`,
      server.origin,
      `evil.example:${port()}`,
    );
    expect(rebound).toMatchObject({ ok: false, status: 421 });
  });

  it('a file that vanishes before it is streamed ends that response, not the server', async () => {
    const gone = path.join(work, 'vanishing.js');
    writeFileSync(gone, 'x'.repeat(1000));
    const local = http.createServer((_req, res) => {
      // The state a request meets when the file is removed between stat and read.
      res.writeHead(200, { 'content-length': 1000 });
      unlinkSync(gone);
      sendFile(res, gone);
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const { port: localPort } = local.address() as { port: number };
    const outcome = await new Promise<string>((resolve) => {
      http
        .get({ host: '127.0.0.1', port: localPort, path: '/' }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve('complete'));
          res.on('aborted', () => resolve('aborted'));
          res.on('error', () => resolve('aborted'));
        })
        .on('error', () => resolve('aborted'));
    });
    expect(outcome).toBe('aborted');
    await new Promise<void>((resolve) => local.close(() => resolve()));
    expect((await get('/assets/app.js')).status).toBe(200);
  });
});

describe('hostMatcher', () => {
  it('loopback: the loopback names at the bound port, nothing else', () => {
    const ok = hostMatcher('127.0.0.1', 8080);
    for (const h of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LocalHost:8080']) {
      expect(ok(h), h).toBe(true);
    }
    for (const h of ['127.0.0.1:8081', 'localhost', 'evil.example:8080', '', undefined]) {
      expect(ok(h), String(h)).toBe(false);
    }
    expect(hostMatcher('::1', 9000)('[::1]:9000')).toBe(true);
    expect(hostMatcher('localhost', 80)('localhost')).toBe(true);
  });

  it('a named address: that address only; a wildcard: any name (the token still guards)', () => {
    const lan = hostMatcher('192.168.1.5', 8080);
    expect(lan('192.168.1.5:8080')).toBe(true);
    expect(lan('localhost:8080')).toBe(false);
    expect(hostMatcher('fe80::1', 8080)('[fe80::1]:8080')).toBe(true);
    for (const wildcard of ['0.0.0.0', '::']) {
      expect(hostMatcher(wildcard, 8080)('my-box.lan:8080')).toBe(true);
    }
  });
});
