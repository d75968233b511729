import { expect } from 'vitest';
import {
  catalogue,
  isMessageCode,
  type MessageCode,
  type MessageRef,
  type ParamKind,
} from '../../src/shared/messages/catalogue';
import { formatMessage } from '../../src/shared/messages/format-message';
import { languageFormats } from '../../src/shared/messages/language-formats';
import { sentencesZhCN } from '../../src/shared/messages/sentences-zh-CN';

/**
 * What the window shows for a message with the UI in 简体中文, and the
 * proof that it is Chinese with its values in it. Shared by the tests that
 * provoke every code of the catalogue (test/integration/messages).
 */
export function inChinese(ref: MessageRef): string {
  return formatMessage(ref, sentencesZhCN, languageFormats['zh-CN']);
}

/** Codes whose Chinese is a name both languages write alike, or only its values. */
const SAME_IN_BOTH = new Set<MessageCode>([
  'udp.option.ttl',
  'tls.reason.other',
  'fs.other',
  'library.not-a-library',
  'form.invalid',
]);

type AnyRef = { code: string; params: Record<string, unknown> };

/** Every message in `ref` (itself, its nested reasons, its issues' own messages). */
function messagesIn(ref: AnyRef, out: AnyRef[] = []): AnyRef[] {
  out.push(ref);
  if (!isMessageCode(ref.code)) return out;
  const kinds: Record<string, ParamKind> = catalogue[ref.code];
  for (const [name, kind] of Object.entries(kinds)) {
    const v = ref.params[name];
    if (kind === 'message') messagesIn(v as AnyRef, out);
    if (kind === 'issues') {
      for (const i of v as Array<{ message?: AnyRef }>) if (i.message) messagesIn(i.message, out);
    }
  }
  return out;
}

/** The values of a message as the Chinese sentence shows them. */
function shownValues(ref: AnyRef): string[] {
  const kinds: Record<string, ParamKind> = catalogue[ref.code as MessageCode];
  const f = languageFormats['zh-CN'];
  return Object.entries(kinds).flatMap(([name, kind]) => {
    const v = ref.params[name];
    switch (kind) {
      case 'text':
        return [String(v)];
      case 'int':
        return [String(v)];
      case 'count':
        return [f.count(v as number)];
      case 'bytes':
        return [f.bytes(v as number)];
      case 'ms':
        return [f.ms(v as number)];
      default:
        return [];
    }
  });
}

/**
 * Asserts `ref` is (or carries) `code`, and that the sentence a person
 * reads in 简体中文 is the Chinese one: every message in it has a Chinese
 * sentence, every value is in it, and no placeholder is left unsaid.
 * Returns the sentence.
 */
export function expectChinese(ref: MessageRef | null | undefined, code: MessageCode): string {
  expect(ref, `a message for ${code}`).toBeTruthy();
  const all = messagesIn(ref as AnyRef);
  expect(
    all.map((m) => m.code),
    `${code} is what was said: ${JSON.stringify(ref)}`,
  ).toContain(code);
  const zh = inChinese(ref as MessageRef);
  expect(zh, zh).toMatch(/\p{Script=Han}/u);
  for (const m of all) {
    expect(isMessageCode(m.code), `${m.code} is in the catalogue`).toBe(true);
    const sentence = sentencesZhCN[m.code as MessageCode];
    if (
      !SAME_IN_BOTH.has(m.code as MessageCode) &&
      /[A-Za-z]{3}/.test(sentence.replace(/\{\w+\}/g, ''))
    ) {
      expect(sentence, `${m.code} is Chinese`).toMatch(/\p{Script=Han}/u);
    }
    for (const value of shownValues(m)) expect(zh, `${m.code} shows ${value}`).toContain(value);
    for (const name of Object.keys(catalogue[m.code as MessageCode])) {
      expect(zh, `${m.code} says {${name}}`).not.toContain(`{${name}}`);
    }
  }
  return zh;
}
