import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { MAX_UNREAD_BYTES } from '../../src/main/browser/unread-guard';
import { createWebSocketTransport } from '../../src/main/browser/websocket-transport';
import type { EndpointInfo } from '../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import { eventually } from '../helpers/peers';
import { must } from '../helpers/result';

/**
 * A peer on the API socket that sends calls but never reads the replies
 * (a script, a stuck client) used to make the server build and hold every
 * reply: 64 pipelined 4 MiB reads held 256 MiB, an exportLog each up to
 * 256 MiB more, without end. The server now starts a socket's next call only
 * while fewer than MAX_UNREAD_BYTES of what it sent wait unread, and stops
 * reading that socket meanwhile.
 */
const WINDOW = 4 * 1024 * 1024;
let backend: Backend;
let server: http.Server;
let transport: ReturnType<typeof createWebSocketTransport>;
let origin: string;
let endpoint: EndpointInfo;
let device: net.Socket;

beforeAll(async () => {
  backend = createBackend({ version: 'test', mode: 'browser' });
  server = http.createServer();
  transport = createWebSocketTransport(backend.router, {
    token: 'token',
    allowedOrigins: () => [origin],
    hostAllowed: () => true,
  });
  server.on('upgrade', transport.upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A log with one 4 MiB window to read.
  endpoint = await must(
    backend.router.handle('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    }) as never,
  );
  device = net.connect(endpoint.local?.port ?? 0, '127.0.0.1');
  device.end(Buffer.alloc(WINDOW, 0x5a));
  await eventually(
    () => backend.engine.get(endpoint.id).counters.rxBytes === WINDOW,
    'the device bytes logged',
  );
});
afterAll(async () => {
  device.destroy();
  await transport.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await backend.dispose();
});

async function openClient(): Promise<{ ws: WebSocket; replies: Map<number, unknown> }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=token`, {
    headers: { origin },
  });
  const replies = new Map<number, unknown>();
  ws.on('message', (data: Buffer) => {
    const m = decodeMessage(new Uint8Array(data)) as { kind: string; id: number; result: unknown };
    if (m.kind === 'result') replies.set(m.id, m.result);
  });
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, replies };
}

describe('a peer that never reads the API socket', () => {
  it('gets its next call started only once it has read the replies before it', async () => {
    const handled = { count: 0 };
    const handle = backend.router.handle.bind(backend.router);
    backend.router.handle = (op, payload, sub) => {
      if (op === 'logStream') handled.count++;
      return handle(op, payload, sub);
    };
    const { ws, replies } = await openClient();
    ws.pause(); // reads nothing from here on
    const calls = 64;
    for (let id = 1; id <= calls; id++) {
      const payload = { endpointId: endpoint.id, dir: 'rx', offset: 0, length: WINDOW };
      ws.send(encodeMessage({ kind: 'call', id, op: 'logStream', payload }));
    }
    // Either every call was handled (the replies all held), or the server held back.
    await eventually(
      () => handled.count === calls || transport.stats().paused > 0,
      'every call handled, or the server holding back',
    );
    // What was sent before it held back: the unread limit, plus what the kernel took.
    const kernelSlack = 16 * 1024 * 1024;
    expect(handled.count * WINDOW).toBeLessThanOrEqual(MAX_UNREAD_BYTES + kernelSlack + WINDOW);
    // Once it reads, every call is answered, in order, none lost.
    ws.resume();
    await eventually(() => replies.size === calls, 'every reply', 30_000);
    expect(handled.count).toBe(calls);
    expect([...replies.keys()]).toEqual(Array.from({ length: calls }, (_, i) => i + 1));
    expect([...replies.values()].every((r) => (r as { ok: boolean }).ok)).toBe(true);
    expect(transport.stats()).toEqual({ waitingCalls: 0, paused: 0 });
    backend.router.handle = handle;
    ws.close();
  });
});
