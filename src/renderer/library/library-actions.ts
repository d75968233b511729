import type { WirebenchApi } from '../../shared/contract';
import type { Result } from '../../shared/contract/result';
import { report } from '../store/report';
import { addNotice, setLibraryItems } from '../store/store';
import { loadMacroPins } from './macro-pins';

let loading: Promise<void> | null = null;

/** Reads the library (and the pinned macros) once per page load; a set-aside file's sentence becomes a notice. */
export function loadLibrary(api: WirebenchApi): Promise<void> {
  if (!loading) loadMacroPins();
  loading ??= refreshLibrary(api, true);
  return loading;
}

/** Reads the library again into the store. */
export async function refreshLibrary(api: WirebenchApi, first = false): Promise<void> {
  const r = await report(api.listLibrary({}));
  if (!r.ok) return;
  setLibraryItems(r.value.items);
  if (first && r.value.notice)
    addNotice({ level: 'warning', endpointId: null, message: r.value.notice });
}

/** Runs one library operation, reports a failure as a notice, then re-reads the list. */
export async function libraryAction<T>(
  api: WirebenchApi,
  call: Promise<Result<T>>,
): Promise<T | null> {
  const r = await report(call);
  if (!r.ok) return null;
  await refreshLibrary(api);
  return r.value;
}
