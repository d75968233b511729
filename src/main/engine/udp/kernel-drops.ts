import type dgram from 'node:dgram';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** How often the kernel's counter is read while the socket is open. */
const POLL_MS = 500;

/**
 * The `drops` column of /proc/net/udp (or udp6) for the socket with this
 * inode: datagrams the kernel threw away for it, mostly because its receive
 * buffer was full. Null when no row has that inode.
 */
export function dropsOfInode(table: string, inode: number): number | null {
  const wanted = String(inode);
  for (const line of table.split('\n')) {
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
    const cols = line.trim().split(/\s+/);
    if (cols.length >= 13 && cols[9] === wanted) {
      const drops = Number(cols[12]);
      return Number.isSafeInteger(drops) ? drops : null;
    }
  }
  return null;
}

/** Inodes of /proc/net/udp rows whose local port is `port` (hex in the table). */
export function inodesOnPort(table: string, port: number): number[] {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const out: number[] = [];
  for (const line of table.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length >= 13 && cols[1]?.endsWith(suffix)) out.push(Number(cols[9]));
  }
  return out;
}

/** The inode behind a descriptor of this process, when it is a socket. */
function socketInodeOfFd(fd: string | number): number | null {
  try {
    const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The descriptor Node keeps on a dgram socket's handle. Not a public API
 * (`_handle` is deprecated), so it is looked for by shape: null when absent.
 */
function descriptorOf(socket: dgram.Socket): number | null {
  const holder = socket as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(socket)) {
    const fd = (holder[key] as { handle?: { fd?: unknown } } | null)?.handle?.fd;
    if (typeof fd === 'number' && fd >= 0) return fd;
  }
  return null;
}

/**
 * This socket's inode, from its descriptor; failing that, the one row on
 * our port whose inode is one of this process's descriptors.
 */
function inodeOf(socket: dgram.Socket, tablePath: string, port: number): number | null {
  const fd = descriptorOf(socket);
  if (fd !== null) {
    const inode = socketInodeOfFd(fd);
    if (inode !== null) return inode;
  }
  try {
    const onPort = new Set(inodesOnPort(readFileSync(tablePath, 'utf8'), port));
    const ours = readdirSync('/proc/self/fd')
      .map((d) => socketInodeOfFd(d))
      .filter((i): i is number => i !== null && onPort.has(i));
    return ours.length === 1 ? ours[0]! : null;
  } catch {
    return null;
  }
}

/**
 * Reads the kernel's drop counter of one bound UDP socket while it is open
 * (Linux only), and says when it moved. `total` adds what the endpoint's
 * earlier sockets dropped, so a rebind does not start the count again.
 */
export class KernelDropWatch {
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly inode: number | null;
  private current = 0;
  private stopped = false;

  constructor(
    socket: dgram.Socket,
    private readonly tablePath: string,
    port: number,
    private readonly moved: () => void,
  ) {
    this.inode = inodeOf(socket, tablePath, port);
    if (this.inode === null) return;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  /** Whether this system says what it dropped for the socket. */
  get known(): boolean {
    return this.inode !== null;
  }

  get drops(): number {
    return this.current;
  }

  /** One last synchronous read, then no more (the socket is about to close). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    if (!this.stopped && this.inode !== null) {
      try {
        this.update(dropsOfInode(readFileSync(this.tablePath, 'utf8'), this.inode));
      } catch {
        // The last count stands.
      }
    }
    this.stopped = true;
    return this.current;
  }

  private async poll(): Promise<void> {
    if (this.inode === null) return;
    let table: string;
    try {
      table = await readFile(this.tablePath, 'utf8');
    } catch {
      return;
    }
    if (!this.stopped) this.update(dropsOfInode(table, this.inode));
  }

  private update(drops: number | null): void {
    if (drops === null || drops === this.current) return;
    this.current = drops;
    this.moved();
  }
}

/** Which table lists a socket of this family. */
export function udpTablePath(family: 'IPv4' | 'IPv6'): string {
  return family === 'IPv6' ? '/proc/net/udp6' : '/proc/net/udp';
}
