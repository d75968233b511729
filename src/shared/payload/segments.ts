import type { PayloadIssue } from './issues';
import type { PlaceholderToken } from './placeholders';

/**
 * A parsed source before placeholders are expanded: literal bytes, and the
 * placeholders between them in source order. Both editor modes produce this,
 * so expansion and mode switching treat text and hex alike.
 */
export type Segment =
  { kind: 'bytes'; bytes: Uint8Array } | { kind: 'placeholder'; token: PlaceholderToken };

export type SegmentsResult =
  { ok: true; segments: Segment[] } | { ok: false; issues: PayloadIssue[] };
