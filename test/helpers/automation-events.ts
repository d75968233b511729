import type { Backend } from '../../src/main/core/backend';
import type { WirebenchEvent } from '../../src/shared/contract';
import { eventually } from './peers';

type StatusType = 'periodic' | 'auto-reply' | 'sequence';
type StatusOf<T extends StatusType> =
  Extract<WirebenchEvent, { type: T }> extends { status: infer S } ? S : never;

/**
 * What a window would hear from the backend, acknowledged as it comes: the
 * automation statuses in order, and a way to wait for one.
 */
export function watchEvents(backend: Backend): {
  events: WirebenchEvent[];
  /** The latest status of `type` for an endpoint. */
  latest<T extends StatusType>(type: T, endpointId: string): StatusOf<T> | undefined;
  /** Waits until the latest status of `type` satisfies `check`, and returns it. */
  until<T extends StatusType>(
    type: T,
    endpointId: string,
    check: (status: StatusOf<T>) => boolean,
    ms?: number,
  ): Promise<StatusOf<T>>;
  dispose(): void;
} {
  const events: WirebenchEvent[] = [];
  const sub = backend.router.subscribe((batch) => {
    events.push(...batch.events);
    sub.ack(batch.seq);
  });
  const latest = <T extends StatusType>(type: T, endpointId: string) => {
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as WirebenchEvent;
      if (e.type === type && 'endpointId' in e && e.endpointId === endpointId)
        return (e as unknown as { status: StatusOf<T> }).status;
    }
    return undefined;
  };
  return {
    events,
    latest,
    until: (type, endpointId, check, ms = 10_000) =>
      eventually(
        () => {
          const s = latest(type, endpointId);
          return s && check(s) ? s : undefined;
        },
        `a ${type} status of ${endpointId} (latest: ${JSON.stringify(latest(type, endpointId))})`,
        ms,
      ),
    dispose: () => sub.dispose(),
  };
}
