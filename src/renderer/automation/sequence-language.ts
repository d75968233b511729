import { monaco } from '../editor/monaco-setup';

/** Colours for the sequence script language (shared/automation/script-ast.ts). */
export const SEQUENCE_LANGUAGE = 'wirebench-sequence';

monaco.languages.register({ id: SEQUENCE_LANGUAGE });
monaco.languages.setMonarchTokensProvider(SEQUENCE_LANGUAGE, {
  ignoreCase: true,
  tokenizer: {
    root: [
      [/^\s*(send|expect|wait|repeat|end)\b/, 'keyword'],
      [/\b(text|hex|regex)\b/, 'type'],
      [/\bwithin\b/, 'keyword'],
      [/\/(?:\\.|[^/\\\n])+\/[ims]*/, 'regexp'],
      [/\{\{[^}\n]*\}\}/, 'variable'],
      [/\\(x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|[rnt0\\#])/, 'string.escape'],
      [/\+[\w/=-]+/, 'attribute.name'],
      [/(^|\s)#.*$/, 'comment'],
      [/\b\d+\b/, 'number'],
    ],
  },
});
