import type { ParamKind } from './catalogue';

/**
 * The payload library's file and the files a payload sends (`{{file:…}}`).
 * A `reason` is one of the fs.* or library.* messages below.
 */
export const libraryCatalogue = {
  'fs.permission-denied': {},
  'fs.is-folder': {},
  'fs.no-folder': {},
  'fs.too-many-open': {},
  'fs.io-error': {},
  'fs.other': { detail: 'text' },
  'library.unreadable': { file: 'text', reason: 'message' },
  'library.set-aside': { file: 'text', reason: 'message', backup: 'text' },
  'library.stuck': { file: 'text', reason: 'message', detail: 'text' },
  'library.save-failed': { file: 'text', detail: 'text' },
  'library.not-json': { detail: 'text' },
  'library.not-a-library': { issues: 'issues' },
  'library.import-invalid': { reason: 'message' },
  'library.no-payload': { id: 'text' },
  'library.full': { max: 'count' },
  'library.unavailable': {},
  'payload-file.unavailable': {},
  'payload-file.no-dialog': {},
  'payload-file.not-a-file': { path: 'text' },
  'payload-file.not-a-file-any-more': { path: 'text' },
  'payload-file.read-failed': { path: 'text', detail: 'text' },
  'payload-file.too-big': { name: 'text', size: 'count', max: 'bytes' },
  'payload-file.all-too-big': { total: 'count', max: 'bytes' },
  'payload.not-sent': { first: 'message' },
  'payload.not-sent-more': { first: 'message', more: 'count' },
} as const satisfies Record<string, Record<string, ParamKind>>;
