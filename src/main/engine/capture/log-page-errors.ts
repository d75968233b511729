import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { EndpointError } from '../system-errors';

/**
 * The messages of paging, find and filters, one function each (catalogue
 * codes search.*, said in the window's language).
 */

export function noSuchScan(scanId: string): EndpointError {
  return new EndpointError(msg('search.no-such-scan', { scanId }), 'not-found');
}

export function badHexPattern(reason: MessageRef): EndpointError {
  return new EndpointError(msg('search.bad-hex', { reason }), 'invalid-request');
}

export function unencodablePattern(encoding: string, reason: MessageRef): EndpointError {
  return new EndpointError(msg('search.unencodable', { encoding, reason }), 'invalid-request');
}

export function badRegexPattern(detail: string): EndpointError {
  return new EndpointError(msg('search.bad-regex', { detail }), 'invalid-request');
}

export function emptyPattern(): EndpointError {
  return new EndpointError(msg('search.empty-pattern', {}), 'invalid-request');
}

/** The worker was ended under a search (it was cancelled while a regular expression ran on). */
export function scanStopped(reason: MessageRef): MessageRef {
  return msg('search.stopped', { reason });
}

export const WORKER_FAILED = (detail: string): MessageRef =>
  msg('search.worker-failed', { detail });
export const WORKER_EXITED = msg('search.worker-exited', {});
export const APP_CLOSING = msg('app.closing', {});
/** A worker job ran past its time limit: a regular expression that backtracks for ever. */
export const runawayStopped = (seconds: number): MessageRef =>
  msg('search.runaway-stopped', { seconds });
export const CANCELLED_RUNAWAY = msg('search.runaway-cancelled', {});
export const JOB_FAILED = (detail: string): MessageRef => msg('search.job-failed', { detail });
