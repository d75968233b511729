import { useDeferredValue, useMemo } from 'react';
import { composePayload, type ComposeResult } from '../../shared/payload/compose';
import type { PayloadIssue } from '../../shared/payload/issues';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { previewOf, type PreviewData } from './preview-data';

export interface Composed {
  issues: PayloadIssue[];
  preview: PreviewData | null;
}

const VOLATILE = /\{\{\s*(timestamp|random)\b/;

/**
 * The payload composed as the main process will compose it on Send, for the
 * preview and the markers. Deferred, so typing stays responsive on a big
 * source while the preview catches up.
 */
export function useComposed(spec: PayloadSpec, counter: number): Composed {
  const deferred = useDeferredValue(spec);
  return useMemo(() => {
    const result: ComposeResult = composePayload(deferred, {
      counter,
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    });
    if (!result.ok) return { issues: result.issues, preview: null };
    return {
      issues: [],
      preview: previewOf(result.bytes, result.parts, VOLATILE.test(deferred.source)),
    };
  }, [deferred, counter]);
}

/** Offset → 1-based line and column, as the editor shows them. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
