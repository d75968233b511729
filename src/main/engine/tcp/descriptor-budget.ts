import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Descriptors a listener leaves free for the rest of the app: the window's
 * own connection, files being read or saved, a capture, name lookups. Past
 * this, new peers are refused and counted rather than let libuv accept and
 * silently close them once the process has none left.
 */
export const DESCRIPTOR_RESERVE = 16;
/** Within this many of the limit, the open descriptors are counted again after every accept. */
const NEAR_LIMIT = 4 * DESCRIPTOR_RESERVE;
/**
 * Further away, a fresh count at most this often, or once half the way to
 * the near-limit zone was accepted (at least this many accepts), whichever
 * comes first: a storm approaching the limit counts a few times, each
 * halving the distance. Counting lists every open descriptor, so 15,000
 * clients connecting at once must not count 15,000 descriptors every few
 * hundred accepts: that alone was a quarter of the time such a storm took.
 */
const RECOUNT_MS = 1000;
const RECOUNT_ACCEPTS = 256;

export interface DescriptorUsage {
  /** Descriptors open in this process, or null where the system does not say. */
  open: number | null;
  /** The soft RLIMIT_NOFILE (`ulimit -n`), or null where it cannot be read or there is none. */
  limit: number | null;
  /** Counting itself failed with EMFILE/ENFILE: there is not a descriptor to spare. */
  outOfDescriptors: boolean;
}

/** The soft "Max open files" of /proc/self/limits; null for "unlimited" or an unknown layout. */
export function parseSoftLimit(limits: string): number | null {
  const m = /^Max open files\s+(\S+)/m.exec(limits);
  const soft = m?.[1] ? Number(m[1]) : NaN;
  return Number.isSafeInteger(soft) ? soft : null;
}

export function isOutOfDescriptors(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}

/**
 * Counts now, from /proc (Linux). Node cannot call getrlimit(), and a child
 * running `ulimit -n` would itself need descriptors; elsewhere both are null.
 */
export function readDescriptorUsage(): DescriptorUsage {
  const usage: DescriptorUsage = { open: null, limit: null, outOfDescriptors: false };
  try {
    usage.limit = parseSoftLimit(readFileSync('/proc/self/limits', 'utf8'));
    // The listing holds one descriptor of its own while it reads.
    usage.open = readdirSync('/proc/self/fd').length - 1;
  } catch (err) {
    usage.outOfDescriptors = isOutOfDescriptors(err);
  }
  return usage;
}

/** A count made off the loop, with the names it listed (the descriptors' numbers). */
export type ListedUsage = DescriptorUsage & { listed?: readonly string[] };

/**
 * The same count without holding the event loop: the listing runs on
 * libuv's threads. `listingStarts` is called as the listing is asked for:
 * what the process opened before then is in it; what it opens until the
 * answer comes may be (the `listed` names say).
 */
export async function readDescriptorUsageAsync(listingStarts?: () => void): Promise<ListedUsage> {
  const usage: ListedUsage = { open: null, limit: null, outOfDescriptors: false };
  try {
    usage.limit = parseSoftLimit(await readFile('/proc/self/limits', 'utf8'));
    listingStarts?.();
    const listed = await readdir('/proc/self/fd');
    usage.open = listed.length - 1;
    usage.listed = listed;
  } catch (err) {
    usage.outOfDescriptors = isOutOfDescriptors(err);
  }
  return usage;
}

/** An accepted socket's descriptor (-1 where Node does not say: then counted as unseen). */
export function descriptorOf(socket: object): number {
  const fd = (socket as { _handle?: { fd?: unknown } | null })._handle?.fd;
  return typeof fd === 'number' ? fd : -1;
}

/**
 * The process's file descriptors as every listener of one engine sees them.
 * Counting costs one directory entry per open descriptor: with 15,000
 * peers, listing them held the event loop ~70 ms (149 ms on a loaded
 * machine), so after the first count it is done off the loop
 * (readDescriptorUsageAsync), after every accept near the limit and
 * otherwise now and then. Between counts the answer is the last count plus
 * the accepts since (closes not subtracted: it errs towards refusing, and
 * the next count corrects it).
 */
export class DescriptorBudget {
  private last: (DescriptorUsage & { at: number }) | null = null;
  private acceptsSince = 0;
  /** Accepts since the count in flight began (null: none in flight). */
  private counting: Promise<boolean> | null = null;
  private acceptsAtCountStart = 0;
  /** Descriptors accepted since the listing of the count in flight was asked for. */
  private acceptedWhileListing: number[] | null = null;

  constructor(
    private readonly read: () => DescriptorUsage = readDescriptorUsage,
    private readonly now: () => number = () => performance.now(),
    private readonly readAsync: (
      listingStarts?: () => void,
    ) => Promise<ListedUsage> = readDescriptorUsageAsync,
  ) {}

  /** What was counted last (for a sentence); counts now if nothing was. */
  usage(): DescriptorUsage {
    return this.last ?? this.count();
  }

  /**
   * After an accept (of descriptor `fd`): true when no more than the reserve
   * is left (by the last count and the accepts since), or counting itself ran
   * out of descriptors. Only the very first count holds the loop; the rest
   * run off it.
   */
  exhausted(fd = -1): boolean {
    this.acceptsSince++;
    this.acceptedWhileListing?.push(fd);
    const last = this.last ?? this.count();
    if (last.outOfDescriptors) return true;
    if (last.limit === null || last.open === null) return false;
    const left = last.limit - (last.open + this.acceptsSince);
    if (
      left <= NEAR_LIMIT ||
      this.now() - last.at >= RECOUNT_MS ||
      this.acceptsSince >= Math.max(RECOUNT_ACCEPTS, (last.limit - last.open - NEAR_LIMIT) / 2)
    ) {
      void this.recount();
    }
    return left <= DESCRIPTOR_RESERVE;
  }

  /** Counts again off the loop (one count at a time); resolves with whether the budget is exhausted. */
  recount(): Promise<boolean> {
    if (this.counting) return this.counting;
    this.acceptsAtCountStart = this.acceptsSince;
    this.acceptedWhileListing = null;
    // The listing is the count's last step: accepts made before it was asked
    // for (thousands, in a storm, while the limit was read) are in it; those
    // made while a thread lists are in it if it saw their descriptor. Added
    // to it again, they had peers refused with hundreds of descriptors free.
    const listingStarts = (): void => {
      this.acceptsAtCountStart = this.acceptsSince;
      this.acceptedWhileListing = [];
    };
    this.counting = this.readAsync(listingStarts).then((usage) => {
      const during = this.acceptedWhileListing ?? [];
      this.acceptedWhileListing = null;
      this.counting = null;
      const { open, limit, outOfDescriptors } = usage;
      this.last = { open, limit, outOfDescriptors, at: this.now() };
      this.acceptsSince -= this.acceptsAtCountStart + listedAmong(during, usage.listed);
      return this.exhaustedBy(usage);
    });
    return this.counting;
  }

  private exhaustedBy(usage: DescriptorUsage): boolean {
    if (usage.outOfDescriptors) return true;
    if (usage.limit === null || usage.open === null) return false;
    return usage.limit - usage.open <= DESCRIPTOR_RESERVE;
  }

  private count(): DescriptorUsage & { at: number } {
    const usage = { ...this.read(), at: this.now() };
    this.last = usage;
    this.acceptsSince = 0;
    return usage;
  }
}

/**
 * How many of `fds` (accepted while the listing ran) it listed. One of them
 * may have been given the listing's own descriptor once it closed (the
 * count leaves that one out): it is counted as not listed, erring towards
 * refusing by at most one.
 */
function listedAmong(fds: readonly number[], listed: readonly string[] | undefined): number {
  if (fds.length === 0 || !listed) return 0;
  const names = new Set(listed);
  let seen = 0;
  for (const fd of fds) if (fd >= 0 && names.has(String(fd))) seen++;
  return Math.max(0, seen - 1);
}
