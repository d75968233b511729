import type { FramingSpec } from '../../../shared/framing/framing-spec';
import type { LogScans } from '../slices/log-scans';
import type { LogUi } from '../slices/log-ui';

/** Which rows a view reads: a connection's, cut by a framing, optionally through a filter. */
export interface ViewSpec {
  endpointId: string;
  framing?: FramingSpec;
  filterId?: string;
}

/** The filter a view reads, once main has started it (a failed one filters nothing). */
export function filterIdOf(scans: LogScans): string | null {
  const f = scans.filter;
  return f && f.status.state !== 'failed' ? f.scanId : null;
}

/** The request fields naming a view (raw framing is sent as none). */
export function viewSpec(endpointId: string, ui: LogUi, filterId: string | null): ViewSpec {
  const spec: ViewSpec = { endpointId };
  if (ui.framing.mode !== 'raw') spec.framing = ui.framing;
  if (filterId !== null) spec.filterId = filterId;
  return spec;
}

/** One string per view: a page cache and a found match belong to exactly one. */
export function viewKey(spec: ViewSpec): string {
  return `${spec.endpointId}|${JSON.stringify(spec.framing ?? null)}|${spec.filterId ?? ''}`;
}
