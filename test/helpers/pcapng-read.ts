/**
 * A minimal pcapng reader for tests: the TCP segments of a file written by
 * Wirebench (one Ethernet interface), with their payloads. Independent of
 * the writer, so a test compares bytes against what the reader finds.
 */
export interface Segment {
  time: bigint;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  payload: Buffer;
}

export function readPcapngTcp(file: Buffer): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  let sawHeader = false;
  while (at + 12 <= file.length) {
    const type = file.readUInt32LE(at);
    const length = file.readUInt32LE(at + 4);
    if (length < 12 || at + length > file.length) throw new Error(`bad block length at ${at}`);
    if (file.readUInt32LE(at + length - 4) !== length) throw new Error(`trailer mismatch at ${at}`);
    if (type === 0x0a0d0d0a) sawHeader = true;
    if (type === 6) {
      const high = BigInt(file.readUInt32LE(at + 12));
      const low = BigInt(file.readUInt32LE(at + 16));
      const captured = file.readUInt32LE(at + 20);
      const frame = file.subarray(at + 28, at + 28 + captured);
      const ether = frame.readUInt16BE(12);
      const ipLen = ether === 0x86dd ? 40 : (frame[14]! & 0x0f) * 4;
      const tcp = 14 + ipLen;
      const dataOffset = (frame[tcp + 12]! >> 4) * 4;
      out.push({
        time: (high << 32n) | low,
        srcPort: frame.readUInt16BE(tcp),
        dstPort: frame.readUInt16BE(tcp + 2),
        seq: frame.readUInt32BE(tcp + 4),
        ack: frame.readUInt32BE(tcp + 8),
        flags: frame[tcp + 13]!,
        payload: frame.subarray(tcp + dataOffset),
      });
    }
    at += length;
  }
  if (!sawHeader) throw new Error('no section header block');
  if (at !== file.length) throw new Error(`${file.length - at} trailing bytes`);
  return out;
}
