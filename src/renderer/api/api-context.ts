import { createContext, useContext } from 'react';
import type { WirebenchApi } from '../../shared/contract/api';

export const ApiContext = createContext<WirebenchApi | null>(null);

/** The `window.wirebench` API, provided once at the root. */
export function useApi(): WirebenchApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}
