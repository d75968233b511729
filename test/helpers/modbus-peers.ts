import path from 'node:path';
import { eventually, spawnPeer, type PeerProcess } from './peers';

/** Python's Modbus RTU master and device, with their own CRC code (not ours). */
const MODBUS_RTU_PY = path.join(__dirname, 'modbus_rtu.py');

/**
 * A Modbus RTU master toward 127.0.0.1:`port`: sends each request (hex or
 * bytes; with `appendCrc`, Python appends its CRC), reads `answerLength`
 * bytes back, and prints each answer as "HEX crc-ok" (or "crc-bad").
 */
export function modbusMaster(
  port: number,
  frames: Array<{ request: Uint8Array | string; answerLength: number }>,
  options: { appendCrc?: boolean } = {},
): PeerProcess {
  const args = frames.flatMap((f) => [
    typeof f.request === 'string' ? f.request : Buffer.from(f.request).toString('hex'),
    String(f.answerLength),
  ]);
  return spawnPeer('python3', [
    MODBUS_RTU_PY,
    'master',
    String(port),
    ...(options.appendCrc ? ['--append-crc'] : []),
    ...args,
  ]);
}

/**
 * A Modbus RTU device (the registers of modbus-conversation.ts) listening
 * on 127.0.0.1 for one master, once it printed its port; it prints each
 * request it answered and the answer, in hex, a line each.
 */
export async function modbusDevice(): Promise<{ peer: PeerProcess; port: number }> {
  const peer = spawnPeer('python3', [MODBUS_RTU_PY, 'device']);
  const line = await eventually(() => /^\d+\n/.exec(peer.stdout().toString())?.[0], 'the device');
  return { peer, port: Number(line) };
}
