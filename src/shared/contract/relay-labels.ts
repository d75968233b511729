/**
 * How each log direction of a relay reads to a person ('rx' is device →
 * server, 'tx' server → device). Its own file, free of zod: the renderer
 * needs the words, and importing them must not run the contract's schemas.
 */
export const RELAY_LOG_LABELS = { rx: 'device → server', tx: 'server → device' } as const;
