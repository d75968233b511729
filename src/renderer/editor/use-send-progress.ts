import { useEffect } from 'react';
import type { WirebenchApi } from '../../shared/contract';
import { setProgress } from './payload-store';

/** Feeds this connection's `send-progress` events to the progress bar. */
export function useSendProgress(api: WirebenchApi, endpointId: string): void {
  useEffect(
    () =>
      api.onEvents((batch) => {
        for (const event of batch.events) {
          if (event.type !== 'send-progress' || event.endpointId !== endpointId) continue;
          setProgress(
            endpointId,
            event.done ? undefined : { sendId: event.sendId, sent: event.sent, total: event.total },
          );
        }
      }),
    [api, endpointId],
  );
}
