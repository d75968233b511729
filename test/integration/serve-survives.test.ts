import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServe } from '../helpers/serve-client';
import { startServe, type ServeProcess } from '../helpers/serve-process';

/**
 * Crashes found by hand, replayed against the real browser-mode process
 * (out/main/serve.js): after each, the process must still be running and
 * must still answer a valid call over its WebSocket.
 */
let serve: ServeProcess;
beforeAll(async () => {
  serve = await startServe();
});
afterAll(() => serve.stop());

/** An API socket upgrade without the token, on a raw TCP connection. */
async function upgradeWithoutToken(target = '/ws'): Promise<net.Socket> {
  const socket = net.connect(serve.port, '127.0.0.1');
  // Our side of a reset connection errors too; only the server's fate matters here.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      `GET ${target} HTTP/1.1`,
      `Host: 127.0.0.1:${serve.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  return socket;
}

/** Waits for close whatever happened before it (events.once would reject on 'error'). */
const closed = (socket: net.Socket): Promise<void> =>
  new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

/** The first bytes the server sends, or '' if the connection ends (or stays silent 5 s) without any. */
const firstReply = (socket: net.Socket): Promise<string> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(''), 5000);
    socket.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(data.toString());
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve('');
    });
  });

describe('the browser-mode process survives', () => {
  it('a refused API socket whose peer resets the connection', async () => {
    for (let i = 0; i < 5; i++) {
      // Reset once the refusal has arrived (the server holds the half-closed socket)...
      const late = await upgradeWithoutToken();
      expect(await firstReply(late), `the server said: ${serve.output()}`).toMatch(
        /^HTTP\/1\.1 401/,
      );
      late.resetAndDestroy();
      await closed(late);
      // ...and at once, while the server may still be writing it.
      const early = await upgradeWithoutToken();
      early.resetAndDestroy();
      await closed(early);
    }
    const answer = await callServe(serve, 'appInfo', {});
    expect(answer).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(serve.child.exitCode).toBeNull();
    expect(serve.output()).not.toMatch(/ECONNRESET|unexpected error/i);
  });

  it('an API socket asked for at an address that is not a URL', async () => {
    for (const target of ['http://[', '//[', 'http://%zz/', 'http://a:b@[::1']) {
      const socket = await upgradeWithoutToken(target);
      expect(await firstReply(socket), target).toMatch(/^HTTP\/1\.1 400 .*\r\n[\s\S]*not a URL/);
      socket.destroy();
    }
    const answer = await callServe(serve, 'appInfo', {});
    expect(answer).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(serve.output()).not.toMatch(/unexpected error|Invalid URL/i);
  });
});
