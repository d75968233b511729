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
