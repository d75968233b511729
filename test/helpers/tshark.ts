import { execFileSync } from 'node:child_process';

/** The two directions of one TCP stream as tshark's "Follow TCP Stream" (raw) reassembles them. */
export interface FollowedStream {
  /** `Node 0: address:port` (the side that opened the connection). */
  node0: string;
  node1: string;
  /** Bytes node 0 sent, in order. */
  fromNode0: Buffer;
  /** Bytes node 1 sent, in order. */
  fromNode1: Buffer;
}

/**
 * `tshark -r file -qz follow,tcp,raw,N`: in its output node 1's data lines
 * are indented by a tab and node 0's are not, each a run of hex.
 */
export function followTcp(file: string, stream = 0): FollowedStream {
  const out = execFileSync('tshark', ['-r', file, '-qz', `follow,tcp,raw,${stream}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
  const lines = out.split('\n');
  const node0 = /Node 0: (.*)/.exec(out)?.[1]?.trim() ?? '';
  const node1 = /Node 1: (.*)/.exec(out)?.[1]?.trim() ?? '';
  const start = lines.findIndex((l) => l.startsWith('Node 1:')) + 1;
  const a: Buffer[] = [];
  const b: Buffer[] = [];
  for (const line of lines.slice(start)) {
    if (line.startsWith('=====')) break;
    if (line.trim() === '') continue;
    if (line.startsWith('\t')) b.push(Buffer.from(line.trim(), 'hex'));
    else a.push(Buffer.from(line.trim(), 'hex'));
  }
  return { node0, node1, fromNode0: Buffer.concat(a), fromNode1: Buffer.concat(b) };
}
