import path from 'node:path';
import { eventually, spawnPeer, type PeerProcess } from './peers';

const DEVICE = path.join(__dirname, 'token_device.py');

/**
 * The scripted device of token_device.py in `mode`, listening on 127.0.0.1
 * for its one connection; returned once it printed its port.
 */
export async function tokenDevice(
  mode: 'token' | 'no-token' | 'close',
): Promise<{ peer: PeerProcess; port: number }> {
  const peer = spawnPeer('python3', [DEVICE, mode]);
  const line = await eventually(() => /^\d+\n/.exec(peer.stdout().toString())?.[0], 'the port');
  return { peer, port: Number(line) };
}
