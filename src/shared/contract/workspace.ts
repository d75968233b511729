import { z } from 'zod';
import { autoReplyRuleSchema } from '../automation/rule-spec';
import { framingSpec } from '../framing/framing-spec';
import { TEXT_ENCODING_NAMES } from '../payload/encodings';
import { DEFAULT_PAYLOAD_SPEC, payloadSpecSchema } from '../payload/payload-spec';
import { endpointSpec } from './endpoint';

/**
 * The workspace: a bench set-up as one versioned document. The app saves it
 * in its data folder as it changes and restores it at start; Save/Open
 * workspace write and read the same document; the command line's
 * `--workspace FILE` runs the named rules and periodic sends in it.
 *
 * Version 1 was the command line's first file (named `rules` and `periodic`
 * only); version 2 adds the tabs and the settings. An older document is
 * migrated (workspace-migrate.ts); a newer one is refused, never misread.
 * Objects are not strict, so a document from a later minor change that only
 * adds fields still opens; every field has a default where an older file may
 * lack it.
 */
export const WORKSPACE_VERSION = 2;
/** More tabs than this is not a bench, it is a mistake (or an attack). */
export const MAX_WORKSPACE_TABS = 64;
/** A workspace file's text, at most: the drafts (4 MiB each) are what makes it big. */
export const MAX_WORKSPACE_JSON_CHARS = 32 * 1024 * 1024;
export const MAX_PERIODIC_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const MAX_HISTORY = 50;

const encoding = z.enum(TEXT_ENCODING_NAMES);

/** A periodic send: what, how often, how many times (null: until stopped). */
export const periodicSendSchema = z.object({
  payload: payloadSpecSchema,
  intervalMs: z.number().int().min(1).max(MAX_PERIODIC_INTERVAL_MS),
  count: z.number().int().min(1).nullable().default(null),
});
export type PeriodicSend = z.infer<typeof periodicSendSchema>;

/**
 * The automation attached to one tab, as the window's forms hold it and the
 * AutomationManager in main runs it: the auto-reply rule list (applied
 * again at restore, so rules answer as soon as the tab is opened), the
 * Periodic send form as typed, the sequence's script. A restore never
 * starts a periodic send or a sequence: the tab comes back closed.
 */
export const tabAutomation = z.object({
  autoReply: z
    .object({ enabled: z.boolean().default(true), rules: z.array(autoReplyRuleSchema).max(256) })
    .optional(),
  periodic: z
    .object({
      interval: z.string().max(20),
      count: z.string().max(20),
      source: z.enum(['editor', 'library']).default('editor'),
      libraryItemId: z.string().max(64).nullable().default(null),
    })
    .optional(),
  sequence: z
    .object({
      source: z.string().max(256 * 1024),
      name: z.string().max(200).default(''),
      libraryItemId: z.string().max(64).nullable().default(null),
    })
    .optional(),
});
export type TabAutomation = z.infer<typeof tabAutomation>;

/** How a tab's log looks: the view, the framing, the filter, the time and text choices. */
export const tabLogView = z.object({
  view: z.enum(['messages', 'hex', 'text', 'terminal']).default('messages'),
  framing: framingSpec.default({ mode: 'raw' }),
  filter: z
    .object({
      dir: z.enum(['all', 'rx', 'tx']).default('all'),
      kind: z.enum(['text', 'hex', 'regex']).default('text'),
      pattern: z.string().max(4096).default(''),
      onlyMatches: z.boolean().default(false),
    })
    .default({ dir: 'all', kind: 'text', pattern: '', onlyMatches: false }),
  timeMode: z.enum(['absolute', 'relative']).nullable().default(null),
  encoding: encoding.default('utf-8'),
});
export type TabLogView = z.infer<typeof tabLogView>;

/** What the window keeps per tab, beside the connection itself: it sends this to main. */
export const tabUiState = z.object({
  draft: payloadSpecSchema.default(DEFAULT_PAYLOAD_SPEC),
  /** Sent payloads, oldest first, for Up/Down in the editor. */
  history: z.array(payloadSpecSchema).max(MAX_HISTORY).default([]),
  log: tabLogView.default(tabLogView.parse({})),
});
export type TabUiState = z.infer<typeof tabUiState>;

/** One connection tab: the endpoint's open request and everything the person set around it. */
export const workspaceTab = tabUiState.extend({
  spec: endpointSpec,
  automation: tabAutomation.optional(),
});
export type WorkspaceTab = z.infer<typeof workspaceTab>;

/** The person's habits (the Settings dialog). Unknown or missing ones take the defaults. */
export const workspaceSettings = z.object({
  theme: z.enum(['system', 'light', 'dark']).optional(),
  editorFontSize: z.number().min(6).max(48).optional(),
  logFontSize: z.number().min(6).max(48).optional(),
  timeMode: z.enum(['absolute', 'relative']).optional(),
  reopenAtStart: z.boolean().optional(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettings>;

export const workspaceDocument = z.object({
  version: z.literal(WORKSPACE_VERSION),
  settings: workspaceSettings.default({}),
  tabs: z.array(workspaceTab).max(MAX_WORKSPACE_TABS).default([]),
  /** The tab shown (an index into tabs), if any. */
  active: z.number().int().nonnegative().nullable().default(null),
  /** Named rule lists the command line runs (`--rules NAME`). */
  rules: z.record(z.string(), z.array(autoReplyRuleSchema)).default({}),
  /** Named periodic sends the command line runs (`--periodic NAME`). */
  periodic: z.record(z.string(), periodicSendSchema).default({}),
});
export type WorkspaceDocument = z.infer<typeof workspaceDocument>;

export function emptyWorkspace(): WorkspaceDocument {
  return workspaceDocument.parse({ version: WORKSPACE_VERSION });
}
