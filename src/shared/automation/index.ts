/** Automation's pure half: the script language, hex patterns, rules, captures, rule inference. */
export * from './automation-errors';
export * from './hex-pattern';
export * from './captures';
export * from './payload-options';
export * from './script-ast';
export * from './script-parser';
export * from './script-printer';
export * from './rule-spec';
export * from './rule-match';
export * from './checksum-detect';
export * from './rule-inference';
export * from './expect-match';
export * from './regex-maker';
