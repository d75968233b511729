import type { OperationName, ParsedRequestOf, ResultOf } from '../../../shared/contract';
import type { Engine } from '../../engine/engine';
import type { LibraryStore } from '../../library/library-store';
import type { PayloadFileRegistry } from '../../payload/file-registry';
import type { WorkspaceService } from '../../workspace/workspace-service';
import type { Subscription } from '../subscription';

/** What the app is and does beyond sockets; features add their services here. */
export interface BackendServices {
  version: string;
  mode: 'electron' | 'browser';
  /** The payload library, in the app's data directory (absent: its operations say so). */
  library?: LibraryStore;
  /** Files chosen for `{{file:…}}` placeholders, by id. */
  payloadFiles?: PayloadFileRegistry;
  /**
   * Shows the system's open dialog (for a payload file, a certificate or a
   * key) and returns the chosen path, or null when cancelled. Absent where
   * there is no dialog (browser mode, tests): the window uploads the file.
   */
  chooseFile?: (
    purpose: 'payload' | 'certificate' | 'key' | 'pkcs12' | 'ca',
  ) => Promise<string | null>;
  /** The workspace: the tabs and what the window set around them, saved in the data folder. */
  workspace?: WorkspaceService;
  /**
   * The system's dialog for a workspace file: where to save it, or which to
   * open; null when cancelled. Absent in the browser mode (a download, an upload).
   */
  chooseWorkspaceFile?: (purpose: 'save' | 'open') => Promise<string | null>;
}

/** Everything a handler may use: the engine, the caller's event stream, the services. */
export interface HandlerContext {
  engine: Engine;
  subscription: Subscription | null;
  services: BackendServices;
}

export type Handler<K extends OperationName> = (
  request: ParsedRequestOf<K>,
  context: HandlerContext,
) => Promise<ResultOf<K>> | ResultOf<K>;

/** A feature's handlers: exactly one per operation it names. */
export type HandlerTable<K extends OperationName> = { [P in K]: Handler<P> };
