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

/** Every catalogue is bundled (`locales/<lang>/<namespace>.json`): the app never fetches text. */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, catalogue] of Object.entries(files)) {
  const [, lang, ns] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? [];
  if (!lang || !ns) continue;
  resources[lang] ??= {};
  resources[lang][ns] = catalogue;
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
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
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
