import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/peers';
import { sendBackend, type Cleanup } from '../helpers/send-backend';

/**
 * Automation as a careless user or a hostile device would use it, through
 * the real router and engine on loopback sockets.
 */

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
    cleanup.push(async () => void s.destroy());
  });
}

describe('auto-reply against what users and devices do', () => {
  it('a rule whose reply names a chosen file ({{file:ID}}) answers with the file', async () => {
    const { backend, call } = sendBackend(cleanup);
    const file = await call<{ id: string }>('registerPayloadFile', {
      name: 'answer.bin',
      data: new TextEncoder().encode('FILE'),
    });
    const server = await call<{ id: string }>('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    });
    await call('setAutoReply', {
      endpointId: server.id,
      enabled: true,
      rules: [
        { id: 'r', matchAs: 'any', reply: { mode: 'text', source: `got {{file:${file.id}}}` } },
      ],
      framing: { mode: 'raw' },
      encoding: 'utf-8',
    });
    const port = backend.engine.get(server.id).withPeers().local?.port ?? 0;
    const s = await connect(port);
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString()));
    s.write('hi');
    const status = () => backend.engine.automation.snapshot()[0]?.autoReply;
    await eventually(() => got.length > 0 || status()?.lastProblem, 'a reply or a problem');
    expect(status()?.lastProblem).toBeNull();
    expect(got).toBe('got FILE');
  });
});

describe('auto-reply memory against peers that never finish a message', () => {
  const halfLines = { mode: 'delimiter', delimiter: '\\n', keepDelimiter: false };

  async function serverWithRules(cleanupList: Cleanup) {
    const { backend, call } = sendBackend(cleanupList);
    const server = await call<{ id: string }>('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    });
    await call('setAutoReply', {
      endpointId: server.id,
      enabled: true,
      rules: [{ id: 'r', matchAs: 'text', match: 'ping', reply: { mode: 'text', source: 'pong' } }],
      framing: halfLines,
      encoding: 'utf-8',
    });
    const port = backend.engine.get(server.id).withPeers().local?.port ?? 0;
    const status = () => backend.engine.automation.snapshot()[0]?.autoReply;
    return { backend, id: server.id, port, status };
  }

  it('lets go of the partial frame of a peer that closed', async () => {
    const { backend, id, port } = await serverWithRules(cleanup);
    const peers = await Promise.all(Array.from({ length: 5 }, () => connect(port)));
    for (const s of peers) s.write('half a line');
    await eventually(
      () => backend.engine.get(id).counters.rxBytes === 5 * 'half a line'.length,
      'every half line to arrive',
    );
    expect(backend.engine.automation.framedPeers(id)).toBe(5);
    // A reset: the listener keeps a peer that only sent FIN half open.
    for (const s of peers) s.resetAndDestroy();
    await eventually(() => backend.engine.get(id).peerCount === 0, 'the peers to be gone');
    expect(backend.engine.automation.framedPeers(id)).toBe(0);
  });

  it('bounds the partial frames of all peers together, and says it dropped some', async () => {
    const { backend, id, port, status } = await serverWithRules(cleanup);
    // 20 peers, each just under the 1 MiB frame limit, together past the 16 MiB bound.
    const almostFrame = Buffer.alloc(1_000_000, 0x41);
    const peers = await Promise.all(Array.from({ length: 20 }, () => connect(port)));
    for (const s of peers) s.write(almostFrame);
    await eventually(
      () => backend.engine.get(id).counters.rxBytes === 20 * almostFrame.length,
      'every partial frame to arrive',
      30_000,
    );
    expect(status()?.lastProblem).toMatchObject({
      ruleId: null,
      message: { code: 'automation.partial-frames-dropped' },
    });
  });
});
