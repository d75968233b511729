import net from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { EndpointError } from '../../src/main/engine/system-errors';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { inEnglish, rejectedEnglish, type English } from '../helpers/english';
import {
  eventually,
  freePort,
  fullBacklogListener,
  socatListener,
  type PeerProcess,
} from '../helpers/peers';
import { useScratch } from '../helpers/scratch';
import { spawnSServer, usePki } from '../helpers/tls-pki';

/**
 * "Reconnect automatically" against real peers on loopback: socat goes away
 * and comes back on the same port; a port that refuses at once; Close during
 * the wait.
 */
const pki = usePki();
const scratch = useScratch('auto-reconnect');
let h: EngineHarness;
beforeEach(() => {
  const engine = (h = engineHarness());
  scratch.later(() => engine.dispose());
});

/** socat listening on `port` for one client, its bytes to stdout, stdin to the client. */
async function socatOn(port: number): Promise<PeerProcess> {
  return scratch.track((await socatListener(port)).peer);
}

/** A client that reconnects automatically, connected to socat on a port that stays the same. */
async function clientOfSocat() {
  const port = await freePort();
  const first = await socatOn(port);
  const client = await h.open({ kind: 'tcp-client', host: '127.0.0.1', port, autoReconnect: true });
  return { port, first, client };
}

/** The endpoint as a person reads it: its message in English. */
function info(id: string): English<EndpointInfo> {
  return inEnglish(h.engine.get(id).info());
}

/** Every distinct wait the client showed while `until` was not yet true. */
async function watchWaits(id: string, until: (i: English<EndpointInfo>) => boolean, ms = 20_000) {
  const waits: NonNullable<EndpointInfo['reconnect']>[] = [];
  await eventually(
    () => {
      const i = info(id);
      if (i.reconnect && waits.at(-1)?.nextAt !== i.reconnect.nextAt) waits.push(i.reconnect);
      return until(i);
    },
    'the client to reach the state asked for',
    ms,
  );
  return waits;
}

describe('a TCP client that reconnects automatically', () => {
  it('dials again with back-off when socat goes away, and talks again once it is back', async () => {
    const { port, first, client } = await clientOfSocat();
    expect(client.spec).toMatchObject({ autoReconnect: true });
    await h.engine.send(client.id, undefined, Buffer.from('one'));
    expect((await first.waitForBytes(3)).toString()).toBe('one');

    first.kill(); // the device goes away: its kernel sends FIN
    // It refuses at once while nobody listens: the waits grow, 0.5 s, ~1 s, ~2 s.
    const waits = await watchWaits(client.id, (i) => (i.reconnect?.attempt ?? 0) >= 3);
    expect(waits[0]).toMatchObject({ attempt: 1, delayMs: 500 });
    expect(waits.map((w) => w.attempt)).toEqual([1, 2, 3]);
    expect(waits[1]!.delayMs).toBeGreaterThanOrEqual(800);
    expect(waits[1]!.delayMs).toBeLessThanOrEqual(1000);
    expect(waits[2]!.delayMs).toBeGreaterThanOrEqual(1600);
    expect(waits[2]!.delayMs).toBeLessThanOrEqual(2000);
    const waiting = info(client.id);
    expect(waiting.state).toBe('reconnecting');
    expect(waiting.message).toBe(
      `Connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    );

    const second = await socatOn(port); // the device is back
    await eventually(() => info(client.id).state === 'connected', 'connected again', 15_000);
    expect(info(client.id).reconnect).toBeUndefined();
    await h.engine.send(client.id, undefined, Buffer.from('two'));
    expect((await second.waitForBytes(3)).toString()).toBe('two');
    second.write(Buffer.from('back'));
    await eventually(
      () =>
        h
          .rx(client.id)
          .map((c) => Buffer.from(c.data).toString())
          .join('') === 'back',
      'bytes from the second socat',
    );

    // After a success the schedule starts again from 0.5 s.
    second.kill();
    const again = await watchWaits(client.id, (i) => i.reconnect !== undefined);
    expect(again[0]).toMatchObject({ attempt: 1, delayMs: 500 });
    await h.engine.close(client.id);
    expect(info(client.id)).toMatchObject({ state: 'closed', message: 'Closed by you' });
  });

  it('Close during the wait stops it for good; a client left running keeps trying', async () => {
    const peers: net.Socket[] = [];
    const device = net.createServer((s) => peers.push(s));
    await new Promise<void>((resolve) => device.listen(0, '127.0.0.1', resolve));
    const port = (device.address() as net.AddressInfo).port;
    const spec = { kind: 'tcp-client', host: '127.0.0.1', port, autoReconnect: true } as const;
    const closed = await h.open(spec);
    const control = await h.open(spec);
    await eventually(() => peers.length === 2, 'both clients accepted');
    await new Promise<void>((resolve) => {
      device.close(() => resolve());
      peers.forEach((s) => s.destroy());
    });
    await eventually(() => info(closed.id).state === 'reconnecting', 'the first one waiting');
    await h.engine.close(closed.id);
    expect(info(closed.id)).toMatchObject({ state: 'closed', message: 'Closed by you' });
    expect(info(closed.id).reconnect).toBeUndefined();

    // The control client's third wait begins after its second attempt failed, a
    // good second after the closed client's first attempt would have been due.
    await watchWaits(control.id, (i) => (i.reconnect?.attempt ?? 0) >= 3);
    expect(info(closed.id)).toMatchObject({ state: 'closed', message: 'Closed by you' });

    await h.engine.close(control.id);
    expect(info(control.id)).toMatchObject({ state: 'closed', message: 'Closed by you' });
  });

  it('a reopen the user asks for that fails keeps trying by itself, and says why', async () => {
    const { port, first, client } = await clientOfSocat();
    await h.engine.close(client.id);
    first.kill();
    await first.exited();
    const reopened = inEnglish(await h.engine.reopen(client.id));
    expect(reopened.state).toBe('reconnecting');
    expect(reopened.message).toMatch(/was refused/);
    expect(reopened.reconnect).toMatchObject({ attempt: 1, delayMs: 500 });
    expect(await rejectedEnglish(h.engine.reopen(client.id))).toBe(
      `127.0.0.1:${port} is already open; close it first`,
    );
    await socatOn(port);
    await eventually(() => info(client.id).state === 'connected', 'connected by itself');
  });

  it('Close while a dial hangs ends it at once, as closed by you, not failed at the timeout', async () => {
    // A listener that never accepts, its queue full: a further SYN gets no answer.
    const { peer: jam, port } = await fullBacklogListener();
    scratch.track(jam);
    const opening = h
      .open({ kind: 'tcp-client', host: '127.0.0.1', port, timeoutMs: 20_000, autoReconnect: true })
      .then(
        () => 'opened',
        (err: unknown) => err,
      );
    const id = await eventually(() => h.engine.list()[0]?.id, 'the dial under way');
    expect(info(id).state).toBe('connecting');
    await h.engine.close(id);
    const outcome = await opening;
    expect(outcome).toBeInstanceOf(EndpointError);
    expect(englishOf((outcome as EndpointError).ref)).toBe(
      `The connection to 127.0.0.1:${port} was closed before it was established`,
    );
  });

  it('a TLS client dials again when openssl s_server goes away and comes back', async () => {
    const port = await freePort();
    const sServer = async (): Promise<PeerProcess> => {
      const { peer } = await spawnSServer(pki.file('server.pem'), pki.file('server.key'), [], port);
      return scratch.track(peer);
    };
    const first = await sServer();
    const client = await h.open({
      kind: 'tls-client',
      host: '127.0.0.1',
      port,
      verify: false,
      autoReconnect: true,
    });
    expect(client.state).toBe('connected');
    first.kill();
    await eventually(() => info(client.id).state === 'reconnecting', 'waiting to dial again');
    const second = await sServer();
    await eventually(() => info(client.id).state === 'connected', 'TLS again', 15_000);
    await h.engine.send(client.id, undefined, Buffer.from('hello tls\n'));
    await eventually(() => second.stdout().includes('hello tls'), 's_server to get our bytes');
  });

  it('without the option, a client whose peer went away stays closed', async () => {
    const port = await freePort();
    const first = await socatOn(port);
    const client = await h.open({ kind: 'tcp-client', host: '127.0.0.1', port });
    // socat has accepted once it has our byte: killed before that, the kernel answers with RST, not FIN.
    await h.engine.send(client.id, undefined, Buffer.from('x'));
    await first.waitForBytes(1);
    first.kill();
    await eventually(() => info(client.id).state === 'half-closed', 'the FIN seen');
    await h.engine.close(client.id);
    expect(info(client.id).state).toBe('closed');
    expect(info(client.id).reconnect).toBeUndefined();
  });
});
