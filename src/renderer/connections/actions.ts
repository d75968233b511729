import type { WirebenchApi } from '../../shared/contract/api';
import { addNotice } from '../store/store';

/** Closes an endpoint (with its peers) and removes its tab; a failure becomes a notice. */
export async function closeAndRemove(api: WirebenchApi, endpointId: string): Promise<void> {
  const result = await api.removeEndpoint({ endpointId });
  if (!result.ok) addNotice({ level: 'error', endpointId, message: result.error.message });
}
