import type { libraryOperations } from '../../../shared/contract/ops/library-ops';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import type { LibraryStore } from '../../library/library-store';
import type { BackendServices, HandlerTable } from './handler-types';

export function library(services: BackendServices): LibraryStore {
  if (!services.library) throw new EndpointError(msg('library.unavailable', {}), 'wrong-state');
  return services.library;
}

export const libraryHandlers: HandlerTable<keyof typeof libraryOperations> = {
  listLibrary: (_request, { services }) => library(services).list(),
  saveLibraryItem: (request, { services }) => library(services).save(request),
  saveSequence: (request, { services }) => library(services).saveSequence(request),
  renameLibraryItem: ({ id, name }, { services }) => library(services).rename(id, name),
  duplicateLibraryItem: ({ id }, { services }) => library(services).duplicate(id),
  deleteLibraryItem: async ({ id }, { services }) => ({
    deleted: await library(services).delete(id),
  }),
  importLibrary: ({ json }, { services }) => library(services).import(json),
  exportLibrary: (_request, { services }) => library(services).export(),
};
