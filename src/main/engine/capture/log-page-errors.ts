import { EndpointError } from '../system-errors';

/**
 * The sentences of paging, find and filters, one function each, so that
 * turning them into catalogue codes later is a change in one place.
 */

export function noSuchScan(scanId: string): EndpointError {
  return new EndpointError(
    `There is no search or filter ${scanId}: it was closed, replaced by newer ones, or its connection was removed`,
    'not-found',
  );
}

export function badHexPattern(detail: string): EndpointError {
  return new EndpointError(`The hex pattern is not valid: ${detail}`, 'invalid-request');
}

export function unencodablePattern(encoding: string, detail: string): EndpointError {
  return new EndpointError(
    `The text cannot be looked for in ${encoding}: ${detail}`,
    'invalid-request',
  );
}

export function badRegexPattern(detail: string): EndpointError {
  return new EndpointError(`The regular expression is not valid: ${detail}`, 'invalid-request');
}

export function emptyPattern(): EndpointError {
  return new EndpointError('The pattern has no bytes to look for', 'invalid-request');
}

/** The worker was ended under a search (it was cancelled while a regular expression ran on). */
export function scanStoppedSentence(reason: string): string {
  return `The search stopped before the end: ${reason}`;
}

export const WORKER_FAILED = (detail: string): string => `The search worker failed: ${detail}`;
export const WORKER_EXITED = 'The search worker stopped unexpectedly';
export const APP_CLOSING = 'Wirebench is closing';
export const CANCELLED_RUNAWAY =
  'it was cancelled while a regular expression was still running, so the worker was restarted';

export function tooManyMatches(max: number): string {
  return `More than ${max.toLocaleString('en-US')} matches: only the first ones are kept; a narrower pattern finds the rest`;
}
