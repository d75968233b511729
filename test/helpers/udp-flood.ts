import dgram from 'node:dgram';
import type { EndpointInfo } from '../../src/shared/contract';
import type { Engine } from '../../src/main/engine/engine';
import { eventually } from './peers';

/** One datagram from 127.0.0.1:port (false if that port is taken on this machine). */
export async function sendFrom(port: number, data: Buffer, to: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve, reject) =>
      socket.send(data, to, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
    return true;
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

/**
 * One datagram from each of `count` source ports from `firstPort` on (pick
 * ranges below the ephemeral one, and apart from other tests', so no
 * port-0 socket is disturbed), 100 at a time, each batch paced by what
 * arrived so the kernel's receive buffer never drops one. Returns how many
 * were sent and the last port used.
 */
export async function floodFromPorts(
  engine: Engine,
  endpoint: EndpointInfo,
  options: { count: number; firstPort: number; data: Buffer },
): Promise<{ sent: number; last: number }> {
  const to = endpoint.local?.port ?? 0;
  const ports = Array.from({ length: options.count }, (_, i) => options.firstPort + i);
  const before = engine.get(endpoint.id).counters.rxChunks;
  let sent = 0;
  let last = 0;
  for (let at = 0; at < ports.length; at += 100) {
    const batch = ports.slice(at, at + 100);
    const ok = await Promise.all(batch.map((p) => sendFrom(p, options.data, to)));
    sent += ok.filter(Boolean).length;
    last = batch.filter((_, i) => ok[i]).at(-1) ?? last;
    await eventually(
      () => engine.get(endpoint.id).counters.rxChunks - before === sent,
      `${sent} datagrams received`,
    );
  }
  return { sent, last };
}
