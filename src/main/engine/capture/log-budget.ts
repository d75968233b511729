import os from 'node:os';
import type { MessageRef } from '../../../shared/messages/catalogue';
import { budgetClamped } from './capture-errors';

const MiB = 1024 * 1024;

/** The most the capture log may use on a machine: half its memory, in whole MiB. */
export function logBudgetLimit(totalMemoryBytes = os.totalmem()): number {
  return Math.max(MiB, Math.floor(totalMemoryBytes / 2 / MiB) * MiB);
}

/**
 * The budget the log gets for the one asked: the contract allows up to
 * 16 GiB, but the log maps what its budget says, so a machine never gives
 * it more than half its memory. The message says so when it had to.
 */
export function clampLogBudget(
  asked: number,
  totalMemoryBytes = os.totalmem(),
): { bytes: number; clamped: MessageRef | null } {
  const limit = logBudgetLimit(totalMemoryBytes);
  if (asked <= limit) return { bytes: asked, clamped: null };
  return { bytes: limit, clamped: budgetClamped(asked, limit, totalMemoryBytes) };
}
