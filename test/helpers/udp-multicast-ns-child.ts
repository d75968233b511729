/**
 * Runs inside `unshare -n` (see udp-multicast-ns.test.ts), in a network
 * namespace of its own with a veth interface `wb0`: IPv6 multicast cannot
 * pass through lo on Linux, and nothing here may touch the machine's real
 * interfaces. Exchanges IPv6 multicast datagrams between the engine and
 * Python, then prints what each side received as one JSON line.
 */
import { UdpEndpoint } from '../../src/main/engine/udp/udp-endpoint';
import { engineHarness } from './engine-harness';
import { frame, parseFrames, pythonReceiver, pythonSender } from './udp-peers';

async function main(): Promise<void> {
  const h = engineHarness();
  const info = await h.open({
    kind: 'udp',
    host: '::',
    port: 0,
    reuseAddr: true,
    groups: [{ group: 'ff02::1:3', iface: 'wb0' }],
    multicastInterface: 'wb0',
    multicastLoopback: true,
    multicastTtl: 1,
  });
  const endpoint = h.engine.get(info.id) as UdpEndpoint;
  const sent = [Buffer.from([0, 1, 2, 0xff]), Buffer.from('ipv6 multicast'), Buffer.alloc(0)];
  const sender = pythonSender('ff02::1:3%wb0', info.local?.port ?? 0);
  const toPeer = Buffer.from([0xfe, 0xed, 0x00, 0x0a]);
  const receiver = await pythonReceiver('::', ['ff02::1:4', 'wb0']);
  try {
    for (let i = 0; i < sent.length; i++) {
      sender.write(frame(sent[i] ?? Buffer.alloc(0)));
      await h.waitForRx(info.id, i + 1).catch((err: unknown) => {
        throw new Error(`${String(err)}; python sender said: ${sender.stderr() || 'nothing'}`);
      });
    }
    await endpoint.sendTo('ff02::1:4', receiver.port, toPeer);
    const got = parseFrames(await receiver.peer.waitForBytes(4 + toPeer.length));
    const result = {
      memberships: h.engine.get(info.id).info().udp?.memberships,
      engineReceived: h.rx(info.id).map((c) => Buffer.from(c.data).toString('hex')),
      pythonReceived: got.map((g) => g.toString('hex')),
    };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  } finally {
    sender.kill();
    receiver.peer.kill();
    await h.dispose();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(`FAILED ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
