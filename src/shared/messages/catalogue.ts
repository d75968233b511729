import { automationCatalogue } from './catalogue-automation';
import { captureCatalogue } from './catalogue-capture';
import { coreCatalogue } from './catalogue-core';
import { fieldsCatalogue } from './catalogue-fields';
import { framingCatalogue } from './catalogue-framing';
import { libraryCatalogue } from './catalogue-library';
import { payloadCatalogue } from './catalogue-payload';
import { relayCatalogue } from './catalogue-relay';
import { socketCatalogue } from './catalogue-socket';
import { tlsCatalogue } from './catalogue-tls';
import { udpCatalogue } from './catalogue-udp';
import { workspaceCatalogue } from './catalogue-workspace';
import type { RequestIssue } from './request-issues';
import type { CheckedSentences } from './sentence-check';

/**
 * How a parameter is shown: `text` as given; `int` as digits (ports, line
 * numbers: never "9,000"); `count` grouped for the locale; `bytes` as
 * KiB/MiB; `ms` as a duration ("500 ms", "5 s"); `message` is another
 * message of the catalogue, said in the same language (a reason inside a
 * sentence); `issues` is a list of request problems (request-issues.ts).
 * A `text` value is a name, an address, a file, or what the system or a
 * library said in its own words (an errno code, OpenSSL's reason): never a
 * sentence we composed.
 */
export type ParamKind = 'text' | 'int' | 'count' | 'bytes' | 'ms' | 'message' | 'issues';

/**
 * Every message the main process (and the shared parsers) can report: a code
 * and the kinds of its parameters. The one list both sides compile against:
 * main builds `{code, params}`, the renderer and the command line turn it into
 * a sentence in the user's language (sentences-en.ts, sentences-zh-CN.ts).
 * Each domain keeps its codes in catalogue-<domain>.ts.
 */
export const catalogue = {
  ...socketCatalogue,
  ...tlsCatalogue,
  ...udpCatalogue,
  ...relayCatalogue,
  ...captureCatalogue,
  ...libraryCatalogue,
  ...coreCatalogue,
  ...payloadCatalogue,
  ...framingCatalogue,
  ...fieldsCatalogue,
  ...workspaceCatalogue,
  ...automationCatalogue,
} as const satisfies Record<string, Record<string, ParamKind>>;

export type MessageCode = keyof typeof catalogue;

type ValueOf<K> = K extends 'text'
  ? string
  : K extends 'message'
    ? MessageRef
    : K extends 'issues'
      ? RequestIssue[]
      : number;

/** The parameters each code carries, as values. */
export type MessageParams = {
  [C in MessageCode]: { [P in keyof (typeof catalogue)[C]]: ValueOf<(typeof catalogue)[C][P]> };
};

/** A message as it travels: a code and its values, never a sentence. */
export type MessageRef = { [C in MessageCode]: { code: C; params: MessageParams[C] } }[MessageCode];

/** Builds a message with its parameters checked against the catalogue. */
export function msg<C extends MessageCode>(code: C, params: MessageParams[C]): MessageRef {
  return { code, params } as MessageRef;
}

/**
 * A sentence table for one language, checked at compile time: every code,
 * and in each sentence exactly that code's `{placeholders}`.
 */
export function sentences<const T extends Record<MessageCode, string>>(
  table: T & CheckedSentences<MessageParams, T>,
): Record<MessageCode, string> {
  return table;
}

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.hasOwn(catalogue, code);
}
