import type { ParamKind } from './catalogue';

/**
 * The router, the wire between a window and main, the event batcher and
 * the process itself: what they say about a request or about themselves.
 * `issues` are zod's, sent structurally (request-issues.ts). The window's
 * own notices are here too, so a notice is always a message.
 */
export const coreCatalogue = {
  'request.invalid': { issues: 'issues' },
  'request.invalid-more': { issues: 'issues', more: 'count' },
  'request.unknown-operation': { name: 'text' },
  'request.starting': {},
  'request.internal': { operation: 'text', detail: 'text' },
  'request.not-from-window': {},
  'request.malformed': { reason: 'message' },
  'wire.not-a-message': {},
  'wire.text-frame': {},
  'wire.not-a-call': {},
  'wire.too-large': { size: 'bytes', max: 'bytes' },
  'wire.short-header': {},
  'wire.short-body': {},
  'wire.field-out-of-order': { offset: 'int', expected: 'int' },
  'wire.field-past-end': {},
  'wire.unreferenced-bytes': { count: 'count' },
  'wire.bad-json': { detail: 'text' },
  'wire.unencodable': { detail: 'text' },
  'notices.dropped': { count: 'count' },
  'app.unexpected-error': { file: 'text' },
  'app.unexpected-error-stderr': {},
  'app.disconnected': { code: 'text' },
  'app.disconnected-lost': {},
  'app.not-connected': {},
  'app.failed': { detail: 'text' },
  'form.invalid': { issues: 'issues' },
  // The window's own notices (they are kept, and said again when the language changes).
  'window.clipboard-refused': {},
  'window.copy-cut': { size: 'bytes' },
  'window.editor-load-failed': { detail: 'text' },
  'window.library-imported': { count: 'count' },
} as const satisfies Record<string, Record<string, ParamKind>>;
