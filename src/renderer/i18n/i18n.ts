import { useSyncExternalStore } from 'react';
import type { Language } from '../../shared/messages/language-formats';
import { en, zhCN, type StringKey } from './strings';

export type Locale = Language;
export const LOCALES: Array<{ id: Locale; label: string }> = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

const STORAGE_KEY = 'wirebench.locale';
const tables: Record<Locale, Record<StringKey, string>> = { en, 'zh-CN': zhCN };
const listeners = new Set<() => void>();

/** The saved choice, else the system's language. */
function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Locale = initialLocale();
document.documentElement.lang = current;

/** The window's language now (describe.ts reads it for every message). */
export function currentLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  for (const l of listeners) l();
}

export function translate(key: StringKey, params: Record<string, string | number> = {}): string {
  const template = tables[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The translate function, re-rendering its component when the language changes. */
export function useT(): { t: typeof translate; locale: Locale } {
  const locale = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
  return { t: translate, locale };
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatCount(n: number): string {
  let f = numberFormats.get(current);
  if (!f) numberFormats.set(current, (f = new Intl.NumberFormat(current)));
  return f.format(n);
}

export { formatBytes } from '../../shared/messages/language-formats';
