import { execFileSync } from 'node:child_process';

/**
 * What the kernel itself says of a port's sockets, read with `ss`
 * (iproute2's socket statistics): the proof a test trusts over what
 * Wirebench reports of itself.
 */
function ss(args: string[]): string {
  return execFileSync('ss', ['-H', ...args], { encoding: 'utf8' });
}

/** The kernel's row for what listens on TCP `port` (`ss -ltn`); '' when nothing does. */
export function listeningRow(port: number): string {
  return ss(['-ltn', `sport = :${port}`]).trim();
}

/** The backlog the kernel uses for the listener on `port` (the Send-Q of its row). */
export function kernelBacklog(port: number): number {
  return Number(listeningRow(port).split(/\s+/)[2]);
}

/**
 * Bytes the kernel holds on the established connections to or from `port`,
 * both ends (each row's Recv-Q plus Send-Q): what was written and not yet read.
 */
export function heldBytes(port: number): number {
  return ss(['-tn', 'state', 'established', `( sport = :${port} or dport = :${port} )`])
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .reduce((sum, [recvQ, sendQ]) => sum + (Number(recvQ) || 0) + (Number(sendQ) || 0), 0);
}
