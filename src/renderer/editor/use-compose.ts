import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { WirebenchApi } from '../../shared/contract';
import { composePayload, listFileIds } from '../../shared/payload/compose';
import type { PayloadIssue } from '../../shared/payload/issues';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { previewWindow } from '../../shared/payload/preview-window';
import type { PreviewData } from './preview-data';

interface Composition {
  issues: PayloadIssue[];
  /** null while a preview is on its way from main. */
  preview: PreviewData | null;
}

export interface Composed extends Composition {
  /** The draft this describes: it lags the one being typed (deferred). */
  spec: PayloadSpec;
}

const VOLATILE = /\{\{\s*(timestamp|random)\b/;
const NO_BYTES = new Uint8Array(0);

/**
 * The payload composed as the main process will compose it on Send, for the
 * preview and the markers. Without files it is composed here, as you type
 * (deferred, so a big source does not stall typing). With `{{file:…}}` the
 * syntax is still checked here, but the bytes are the main process's: only
 * it holds the files, and it sends back the head and tail, never 64 MiB.
 */
export function useComposed(api: WirebenchApi, spec: PayloadSpec, counter: number): Composed {
  const deferred = useDeferredValue(spec);
  const local = useMemo(() => {
    const fileIds = listFileIds(deferred);
    const result = composePayload(deferred, {
      counter,
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
      // Stand-ins, so a file does not hide a syntax error elsewhere.
      file: () => NO_BYTES,
    });
    return { result, fileIds };
  }, [deferred, counter]);

  const needsMain = local.result.ok && local.fileIds.length > 0;
  const [remote, setRemote] = useState<{
    for: PayloadSpec;
    counter: number;
    value: Composition;
  } | null>(null);
  useEffect(() => {
    if (!needsMain) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.previewPayload({ spec: deferred, counter }).then((r) => {
        if (!current) return;
        const value: Composition = !r.ok
          ? { issues: [{ message: r.error.message, start: 0, end: 0 }], preview: null }
          : r.value.ok
            ? { issues: [], preview: { ...r.value, volatile: VOLATILE.test(deferred.source) } }
            : { issues: r.value.issues, preview: null };
        setRemote({ for: deferred, counter, value });
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, needsMain, deferred, counter]);

  return { spec: deferred, ...composition() };

  function composition(): Composition {
    if (!local.result.ok) return { issues: local.result.issues, preview: null };
    if (needsMain) {
      if (remote && remote.for === deferred && remote.counter === counter) return remote.value;
      return { issues: [], preview: null };
    }
    return {
      issues: [],
      preview: {
        ...previewWindow(local.result.bytes, local.result.parts, local.result.placeholders),
        volatile: VOLATILE.test(deferred.source),
      },
    };
  }
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
