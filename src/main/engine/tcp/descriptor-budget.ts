import { readdirSync, readFileSync } from 'node:fs';

/**
 * Descriptors a listener leaves free for the rest of the app: the window's
 * own connection, files being read or saved, a capture, name lookups. Past
 * this, new peers are refused and counted rather than let libuv accept and
 * silently close them once the process has none left.
 */
export const DESCRIPTOR_RESERVE = 16;
/** Within this many of the limit, the open descriptors are counted at every accept. */
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

/**
 * The process's file descriptors as every listener of one engine sees them.
 * Counting costs one directory entry per open descriptor, so it is done at
 * every accept only near the limit, and otherwise now and then.
 */
export class DescriptorBudget {
  private last: (DescriptorUsage & { at: number }) | null = null;
  private acceptsSince = 0;

  constructor(
    private readonly read: () => DescriptorUsage = readDescriptorUsage,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** What was counted last (for a sentence); counts now if nothing was. */
  usage(): DescriptorUsage {
    return this.last ?? this.count();
  }

  /**
   * After an accept (`fresh` to count regardless): true when no more than
   * the reserve is left, or counting itself ran out of descriptors.
   */
  exhausted(fresh = false): boolean {
    this.acceptsSince++;
    const last = this.last;
    if (
      !fresh &&
      last &&
      last.limit !== null &&
      last.open !== null &&
      this.now() - last.at < RECOUNT_MS &&
      this.acceptsSince < Math.max(RECOUNT_ACCEPTS, (last.limit - last.open - NEAR_LIMIT) / 2) &&
      last.limit - (last.open + this.acceptsSince) > NEAR_LIMIT
    ) {
      return false;
    }
    const usage = this.count();
    if (usage.outOfDescriptors) return true;
    if (usage.limit === null || usage.open === null) return false;
    return usage.limit - usage.open <= DESCRIPTOR_RESERVE;
  }

  private count(): DescriptorUsage {
    const usage = { ...this.read(), at: this.now() };
    this.last = usage;
    this.acceptsSince = 0;
    return usage;
  }
}
