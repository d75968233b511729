import { problem } from '../../../shared/automation/automation-errors';
import { flattenStatements } from '../../../shared/automation/script-ast';
import { parseScript } from '../../../shared/automation/script-parser';
import type { automationOperations } from '../../../shared/contract/ops/automation-ops';
import type { PayloadItem, SequenceItem } from '../../../shared/contract/library';
import { listFileIds } from '../../../shared/payload/compose';
import type { PayloadSpec } from '../../../shared/payload/payload-spec';
import { automationFailure } from '../../engine/automation/automation-failure';
import type { LoadedFiles } from '../../engine/automation/compose-context';
import type { BackendServices, HandlerTable } from './handler-types';
import { library } from './library-handlers';
import { payloadFiles } from './payload-file-handlers';

/** A saved item of the kind asked for, or why not. */
async function libraryItem<K extends 'payload' | 'sequence'>(
  services: BackendServices,
  id: string,
  kind: K,
): Promise<K extends 'payload' ? PayloadItem : SequenceItem> {
  const item = (await library(services).list()).items.find((i) => i.id === id);
  if (!item) throw automationFailure(problem('library-item-missing', { id }), 'not-found');
  if (item.kind !== kind)
    throw automationFailure(
      problem(kind === 'payload' ? 'library-item-not-payload' : 'library-item-not-sequence', {
        id,
      }),
      'invalid-request',
    );
  return item as K extends 'payload' ? PayloadItem : SequenceItem;
}

/** The files `{{file:…}}` placeholders in these payloads name, read once before the run. */
async function filesFor(services: BackendServices, specs: PayloadSpec[]): Promise<LoadedFiles> {
  const ids = [...new Set(specs.flatMap(listFileIds))];
  return ids.length > 0 ? payloadFiles(services).load(ids) : new Map();
}

export const automationHandlers: HandlerTable<keyof typeof automationOperations> = {
  startPeriodic: async ({ endpointId, payload, ...rest }, { engine, services }) => {
    engine.get(endpointId); // "no such connection" before reading the library
    const spec =
      'spec' in payload
        ? payload.spec
        : (await libraryItem(services, payload.libraryItemId, 'payload')).spec;
    const files = await filesFor(services, [spec]);
    return engine.automation.startPeriodic(endpointId, { ...rest, spec, files });
  },
  stopPeriodic: ({ endpointId }, { engine }) => {
    engine.get(endpointId);
    return { stopped: engine.automation.stopPeriodic(endpointId) };
  },
  setAutoReply: async ({ endpointId, ...settings }, { engine, services }) => {
    engine.get(endpointId);
    // Replies are composed synchronously as messages arrive: their files are read now.
    const files = await filesFor(
      services,
      settings.rules.map((r) => r.reply),
    );
    return engine.automation.setAutoReply(endpointId, { ...settings, files });
  },
  runSequence: async ({ endpointId, peerId, script, encoding }, { engine, services }) => {
    engine.get(endpointId);
    const source =
      'source' in script
        ? script.source
        : (await libraryItem(services, script.libraryItemId, 'sequence')).script;
    const sends = flattenStatements(parseScript(source).statements).flatMap((s) =>
      s.kind === 'send' ? [s.payload] : [],
    );
    const files = await filesFor(services, sends);
    return engine.automation.runSequence(endpointId, { peerId, source, encoding, files });
  },
  stopSequence: ({ endpointId }, { engine }) => {
    engine.get(endpointId);
    return { stopped: engine.automation.stopSequence(endpointId) };
  },
  listAutomation: (_request, { engine }) => engine.automation.snapshot(),
};
