import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSpecInput } from '../../src/shared/contract';
import { EndpointError } from '../../src/main/engine/system-errors';
import { msg } from '../../src/shared/messages/catalogue';
import { inEnglish } from '../helpers/english';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { connectPeer } from '../helpers/node-peers';
import { eventually, isListening, isUdpBound, spawnPeer, type PeerProcess } from '../helpers/peers';
import { must } from '../helpers/result';

/**
 * Open on a closed tab: every kind opens again with its own spec, keeping
 * its id, counters and log; a port taken meanwhile is said in a sentence
 * and the tab stays, ready for another try.
 */
let bridge: InMemoryApi;
const processes: PeerProcess[] = [];
afterEach(async () => {
  processes.splice(0).forEach((p) => p.kill());
  await bridge?.close();
});

async function open(spec: EndpointSpecInput) {
  return must(bridge.api.openEndpoint({ spec }));
}

describe('reopening a closed endpoint', () => {
  it('a TCP listener closed by the user binds its port again, and socat bytes arrive', async () => {
    bridge = createInMemoryApi();
    const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 });
    const port = server.local!.port;
    const early = await connectPeer(port);
    early.socket.write('one');
    await eventually(async () => (await info(server.id)).counters.rxBytes === 3, 'first bytes');
    await must(bridge.api.closeEndpoint({ endpointId: server.id }));
    expect(isListening(port)).toBe(false);

    const again = await must(bridge.api.reopenEndpoint({ endpointId: server.id }));
    expect(again).toMatchObject({ id: server.id, state: 'listening' });
    expect(again.local!.port).toBe(port);
    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    processes.push(socat);
    socat.write(Buffer.from('two'));
    await eventually(async () => (await info(server.id)).counters.rxBytes === 6, 'socat bytes');
    const log = await must(bridge.api.readLog({ endpointId: server.id, afterSeq: -1, limit: 10 }));
    expect(log.chunks.map((c) => Buffer.from(c.data).toString())).toEqual(['one', 'two']);

    const twice = inEnglish(await bridge.api.reopenEndpoint({ endpointId: server.id }));
    expect(twice).toEqual({
      ok: false,
      error: { code: 'wrong-state', message: `127.0.0.1:${port} is already open; close it first` },
    });
  });

  it('a port taken meanwhile: the sentence says so, the tab stays failed, Open works once it is free', async () => {
    bridge = createInMemoryApi();
    const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 });
    const port = server.local!.port;
    await must(bridge.api.closeEndpoint({ endpointId: server.id }));
    const squatter = spawnPeer('socat', [`TCP-LISTEN:${port},bind=127.0.0.1`, '-']);
    processes.push(squatter);
    await eventually(() => isListening(port), 'socat on the port');

    const refused = inEnglish(await bridge.api.reopenEndpoint({ endpointId: server.id }));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'system', message: `Port ${port} on 127.0.0.1 is already in use` },
    });
    expect(inEnglish(await info(server.id))).toMatchObject({
      state: 'failed',
      message: `Port ${port} on 127.0.0.1 is already in use`,
    });
    squatter.kill();
    await squatter.exited();
    await eventually(() => !isListening(port), 'socat gone');
    const again = await must(bridge.api.reopenEndpoint({ endpointId: server.id }));
    expect(again).toMatchObject({ state: 'listening', local: { port } });
  });

  it('two Opens at once: one binds, the other is refused, nothing leaks', async () => {
    bridge = createInMemoryApi();
    const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 });
    const port = server.local!.port;
    await must(bridge.api.closeEndpoint({ endpointId: server.id }));
    const [a, b] = await Promise.all([
      bridge.api.reopenEndpoint({ endpointId: server.id }),
      bridge.api.reopenEndpoint({ endpointId: server.id }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a).ok === false && (a.ok ? b : a)).toMatchObject({
      error: { code: 'wrong-state' },
    });
    await must(bridge.api.closeEndpoint({ endpointId: server.id }));
    expect(isListening(port)).toBe(false);
  });

  it('UDP, TLS and relay listeners open again on their ports', async () => {
    bridge = createInMemoryApi();
    const udp = await open({ kind: 'udp', host: '127.0.0.1', port: 0 });
    const tls = await open({ kind: 'tls-server', host: '127.0.0.1', port: 0 });
    const relay = await open({
      kind: 'relay',
      host: '127.0.0.1',
      port: 0,
      targetHost: '127.0.0.1',
      targetPort: 9,
    });
    const relayUdp = await open({
      kind: 'relay',
      mode: 'udp',
      host: '127.0.0.1',
      port: 0,
      targetHost: '127.0.0.1',
      targetPort: 9,
    });
    for (const e of [udp, tls, relay, relayUdp]) {
      await must(bridge.api.closeEndpoint({ endpointId: e.id }));
      const again = await must(bridge.api.reopenEndpoint({ endpointId: e.id }));
      expect(again).toMatchObject({ state: e.state, local: e.local });
    }
    expect(isUdpBound(udp.local!.port)).toBe(true);
    expect(isUdpBound(relayUdp.local!.port)).toBe(true);
    expect(isListening(relay.local!.port)).toBe(true);
    expect(isListening(tls.local!.port)).toBe(true);
  });

  it('a request for an endpoint that does not exist is refused by the contract and the engine', async () => {
    bridge = createInMemoryApi();
    expect(await bridge.api.reopenEndpoint({ endpointId: 'e99' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const bad = await bridge.api.reopenEndpoint({ endpointId: '../x' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(new EndpointError(msg('endpoint.not-found', { id: 'x' }), 'wrong-state').code).toBe(
      'wrong-state',
    );
  });
});

async function info(id: string) {
  const all = await must(bridge.api.listEndpoints({}));
  return all.find((e) => e.id === id)!;
}
