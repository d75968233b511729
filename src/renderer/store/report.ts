import type { Result } from '../../shared/contract/result';
import { addNotice } from './store';

/**
 * Waits for a request and says its failure (its catalogue message) as an error notice (about the
 * connection `endpointId`, or the window when null); the result is handed
 * back either way, for whoever wants the value.
 */
export async function report<T>(
  call: Promise<Result<T>>,
  endpointId: string | null = null,
): Promise<Result<T>> {
  const result = await call;
  if (!result.ok) addNotice({ level: 'error', endpointId, message: result.error.message });
  return result;
}
