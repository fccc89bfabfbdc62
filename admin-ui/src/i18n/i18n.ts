import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/vi';

/** The languages the app speaks; the first is the fallback. */
export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the person's explicit choice is kept; without one, the browser's language decides. */
export const LANGUAGE_STORAGE_KEY = 'vdi.language';

dayjs.extend(relativeTime);

/**
 * The shell's own text (`common`) ships with the first load in both languages; every page
 * namespace (`locales/<lang>/<namespace>.json`) is its own small chunk, fetched for the language
 * in use when a page is first opened (`loadPageCatalogues`, awaited beside the page's code).
 */
const SHELL_NAMESPACE = 'common';
const shell = import.meta.glob<Record<string, unknown>>('./locales/*/common.json', { eager: true, import: 'default' });
const lazy = import.meta.glob<Record<string, unknown>>(['./locales/*/*.json', '!./locales/*/common.json'], { import: 'default' });

/** `./locales/<lang>/<namespace>.json` as its language and namespace. */
function catalogueOf(file: string): { lang: string; ns: string } | undefined {
  const [, lang, ns] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? [];
  return lang && ns ? { lang, ns } : undefined;
}

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, catalogue] of Object.entries(shell)) {
  const at = catalogueOf(file);
  if (at) resources[at.lang] = { [at.ns]: catalogue };
}

/** Every page namespace, as found on disk (the same in each language; a test keeps them aligned). */
const PAGE_NAMESPACES = [...new Set(Object.keys(lazy).flatMap((file) => catalogueOf(file)?.ns ?? []))];

/** i18next reads a page namespace from its chunk; a language switch re-reads the loaded ones. */
const pageCatalogues = {
  type: 'backend' as const,
  init: () => undefined,
  read(lng: string, ns: string, done: (err: unknown, data?: Record<string, unknown>) => void): void {
    const load = lazy[`./locales/${lng}/${ns}.json`];
    if (!load) {
      done(null, {});
      return;
    }
    load().then(
      (data) => done(null, data),
      (err: unknown) => done(err),
    );
  },
};

/** Fetches every page namespace in the language in use (and English beneath it), once. */
export function loadPageCatalogues(): Promise<void> {
  return new Promise((resolve) => void i18n.loadNamespaces(PAGE_NAMESPACES, () => resolve()));
}

/** `<html lang>` and dayjs follow the language, so screen readers and dates agree with the text. */
function applyLanguage(lng: string): void {
  const lang = toLanguage(lng);
  document.documentElement.lang = lang;
  dayjs.locale(lang);
}

/** The supported language a tag like `vi-VN` or `en-GB` means (English for anything else). */
export function toLanguage(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

i18n.on('languageChanged', applyLanguage);
void i18n
  .use(LanguageDetector)
  .use(pageCatalogues)
  .use(initReactI18next)
  .init({
    resources,
    // The bundled `common` catalogues are ready at once; page namespaces come from `pageCatalogues`.
    partialBundledLanguages: true,
    initAsync: false,
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    ns: [SHELL_NAMESPACE],
    defaultNS: SHELL_NAMESPACE,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Only an explicit choice is remembered (setLanguage); otherwise the browser's language decides each visit.
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: [] },
  });

/** Switches the language and remembers the choice in this browser. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  await i18n.changeLanguage(lang);
}

/** The language in use now. */
export function currentLanguage(): Language {
  return toLanguage(i18n.resolvedLanguage ?? i18n.language);
}

export { i18n };
