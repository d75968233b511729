import type { ParamKind } from './catalogue';

/**
 * The capture log and what reads it: captures to disk, the log's budget,
 * exports, and find and filters over the log (a search that stopped says
 * why in `reason`, one of the search.* or app.* messages).
 */
export const captureCatalogue = {
  'capture.write-failed-full': { file: 'text', chunks: 'count', size: 'bytes' },
  'capture.write-failed': { file: 'text', code: 'text', chunks: 'count', size: 'bytes' },
  'capture.disk-full': { dir: 'text', free: 'bytes' },
  'capture.create-failed': { dir: 'text', code: 'text' },
  'capture.open-failed': { file: 'text', reason: 'message' },
  'capture.falling-behind': { file: 'text' },
  'capture.budget-clamped': { asked: 'bytes', total: 'bytes', applied: 'bytes' },
  'capture.nothing-to-stop': { id: 'text' },
  'export.too-large': { max: 'bytes' },
  'search.no-such-scan': { scanId: 'text' },
  'search.bad-hex': { reason: 'message' },
  'search.unencodable': { encoding: 'text', reason: 'message' },
  'search.bad-regex': { detail: 'text' },
  'search.empty-pattern': {},
  'search.stopped': { reason: 'message' },
  'search.worker-failed': { detail: 'text' },
  'search.worker-exited': {},
  'search.runaway-cancelled': {},
  'search.runaway-stopped': { seconds: 'int' },
  'search.job-failed': { detail: 'text' },
  'app.closing': {},
} as const satisfies Record<string, Record<string, ParamKind>>;
