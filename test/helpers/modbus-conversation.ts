import type { ConversationMessage } from '../../src/shared/automation/rule-inference';
import { checksumBytes } from '../../src/shared/payload/checksums/catalogue';

/**
 * A Modbus device with fixed holding registers, and conversations recorded
 * from a master polling it over RTU (frames with the catalogue's
 * CRC-16/MODBUS, low byte first) and over TCP (an MBAP header, no CRC):
 * the ground truth rules made from a capture must reproduce.
 */

/** Holding registers per unit. Units 1 and 2 start alike; unit 1 has more. */
const REGISTERS: Record<number, number[]> = {
  1: [0x0111, 0x0222, 0x0333, 0x0444, 0, 0, 0, 0, 0, 0, 0x0aaa],
  2: [0x0111, 0x0222, 0x0333, 0x0444],
};

/** The PDU the device answers a request PDU with. */
export function devicePdu(unit: number, pdu: Uint8Array): Uint8Array {
  const fc = pdu[0] as number;
  const address = ((pdu[1] as number) << 8) | (pdu[2] as number);
  const value = ((pdu[3] as number) << 8) | (pdu[4] as number);
  const regs = REGISTERS[unit] ?? [];
  if (fc === 0x03) {
    if (address + value > regs.length) return Uint8Array.of(0x83, 0x02); // illegal address
    const data = regs.slice(address, address + value).flatMap((r) => [r >> 8, r & 0xff]);
    return Uint8Array.of(0x03, data.length, ...data);
  }
  if (fc === 0x06) return pdu.slice(0, 5); // a write is answered with its echo
  return Uint8Array.of(fc | 0x80, 0x01);
}

/** An RTU frame: the bytes and their CRC-16/MODBUS, low byte first. */
export function rtu(bytes: number[]): Uint8Array {
  const body = Uint8Array.from(bytes);
  return Uint8Array.of(...body, ...checksumBytes('crc16-modbus', body));
}

/** A request without its CRC: unit, function code, address, count (or value). */
export function request(unit: number, fc: number, address: number, count: number): number[] {
  return [unit, fc, address >> 8, address & 0xff, count >> 8, count & 0xff];
}

/** A master's poll cycle: reads from two units, a write, and a read the device refuses. */
export const POLL_CYCLE = [
  request(1, 3, 0, 4),
  request(2, 3, 0, 4),
  request(1, 3, 10, 1),
  request(1, 6, 5, 0x0102),
  request(1, 3, 100, 2),
];

/** What the device answers an RTU request (without CRC) with, as a frame. */
export function rtuAnswer(req: number[]): Uint8Array {
  const [unit, ...pdu] = req as [number, ...number[]];
  return rtu([unit, ...devicePdu(unit, Uint8Array.from(pdu))]);
}

/** The master ('tx') polling the device ('rx') over RTU, `cycles` times. */
export function rtuConversation(cycles: number): ConversationMessage[] {
  const out: ConversationMessage[] = [];
  for (let c = 0; c < cycles; c++)
    for (const req of POLL_CYCLE)
      out.push({ dir: 'tx', data: rtu(req) }, { dir: 'rx', data: rtuAnswer(req) });
  return out;
}

/** Modbus TCP: an MBAP header (transaction id, protocol 0, length, unit) before the PDU. */
export function mbap(transaction: number, unit: number, pdu: Uint8Array): Uint8Array {
  const length = pdu.length + 1;
  return Uint8Array.of(
    transaction >> 8,
    transaction & 0xff,
    0,
    0,
    length >> 8,
    length & 0xff,
    unit,
    ...pdu,
  );
}

/** The same polls over TCP, transaction ids counting up from `first`; answers come in two chunks. */
export function tcpConversation(first: number, cycles: number): ConversationMessage[] {
  const out: ConversationMessage[] = [];
  let t = first;
  for (let c = 0; c < cycles; c++)
    for (const req of POLL_CYCLE) {
      const [unit, ...pdu] = req as [number, ...number[]];
      out.push({ dir: 'tx', data: mbap(t, unit, Uint8Array.from(pdu)) });
      const response = mbap(t, unit, devicePdu(unit, Uint8Array.from(pdu)));
      out.push(
        { dir: 'rx', data: response.subarray(0, 3) },
        { dir: 'rx', data: response.subarray(3) },
      );
      t++;
    }
  return out;
}
