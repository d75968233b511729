import type { WirebenchApi } from '../../shared/contract/api';
import { report } from '../store/report';

/** Closes an endpoint (with its peers) and removes its tab; a failure becomes a notice. */
export async function closeAndRemove(api: WirebenchApi, endpointId: string): Promise<void> {
  await report(api.removeEndpoint({ endpointId }), endpointId);
}
