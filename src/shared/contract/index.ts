export * from './api';
export * from './chunk';
export * from './endpoint';
export * from './events';
export * from './fields';
export * from './operation-names';
export * from './operations';
export * from './result';
