import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseKey, flatten, hasKey, keyUses, placeholders } from './catalogue-scan';
import { RELATIVE_TIME_KEYS } from '../components/relative-time-format';

const here = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.resolve(here, '..');
const LOCALES = path.join(here, 'locales');
const LANGS = ['en', 'vi'];

/** Every catalogue as `lang -> namespace -> flattened keys`. */
function loadCatalogues(): Map<string, Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, Map<string, string>>>();
  for (const lang of fs.readdirSync(LOCALES)) {
    const byNs = new Map<string, Map<string, string>>();
    for (const file of fs.readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
      byNs.set(file.replace(/\.json$/, ''), flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8'))));
    }
    out.set(lang, byNs);
  }
  return out;
}

/** The app's sources (not generated code, not tests). */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'gql' || e.name === 'locales' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const catalogues = loadCatalogues();

describe('translation catalogues', () => {
  it('has the same namespaces and keys in English and Vietnamese (plural forms aside)', () => {
    const missing: string[] = [];
    const namespaces = new Set(LANGS.flatMap((l) => [...(catalogues.get(l)?.keys() ?? [])]));
    for (const ns of namespaces) {
      for (const lang of LANGS) {
        const mine = new Set([...(catalogues.get(lang)?.get(ns)?.keys() ?? [])].map(baseKey));
        for (const other of LANGS.filter((l) => l !== lang)) {
          for (const key of catalogues.get(other)?.get(ns)?.keys() ?? [])
            if (!mine.has(baseKey(key))) missing.push(`${lang}/${ns}.json lacks "${baseKey(key)}" (in ${other})`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('interpolates the same placeholders in both languages', () => {
    const mismatched: string[] = [];
    for (const [ns, en] of catalogues.get('en') ?? []) {
      const vi = catalogues.get('vi')?.get(ns);
      for (const [key, text] of en) {
        const viText = vi?.get(key) ?? vi?.get(`${baseKey(key)}_other`);
        if (viText !== undefined && placeholders(viText).join() !== placeholders(text).join()) mismatched.push(`${ns}:${key}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('has text for every static t() key the sources use, in both languages', () => {
    const missing: string[] = [];
    const uses = sourceFiles().flatMap((f) => keyUses(path.relative(SRC, f), fs.readFileSync(f, 'utf8')));
    expect(uses.length).toBeGreaterThan(20);
    for (const use of uses) {
      for (const lang of LANGS) {
        const found = use.namespaces.some((ns) => {
          const keys = catalogues.get(lang)?.get(ns);
          return keys !== undefined && hasKey(keys, use.key);
        });
        if (!found) missing.push(`${lang}: ${use.namespaces.join('|')}:${use.key} (${use.file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has text for the keys built at run time (roles, languages, relative times, viewer states)', () => {
    const dynamic = [
      ...['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'].flatMap((r) => [`common:roles.${r}`, `common:nav.section.${r}`]),
      ...LANGS.map((l) => `common:languages.${l}`),
      ...RELATIVE_TIME_KEYS.map((k) => `common:${k}`),
      ...['connecting', 'connected', 'disconnected', 'failed'].map((s) => `viewer:status.${s}`),
    ];
    const missing = dynamic.flatMap((full) => {
      const [ns, key] = full.split(':') as [string, string];
      return LANGS.filter((lang) => !hasKey(catalogues.get(lang)?.get(ns) ?? new Map(), key)).map((lang) => `${lang}: ${full}`);
    });
    expect(missing).toEqual([]);
  });

  it('keeps the labels outside tests rely on in English exactly', () => {
    const en = catalogues.get('en');
    expect(en?.get('login')?.get('submit')).toBe('Sign in');
    expect(en?.get('login')?.get('username')).toBe('Username');
    expect(en?.get('login')?.get('password')).toBe('Password');
    expect(en?.get('common')?.get('header.signOut')).toBe('Sign out');
    expect(en?.get('common')?.get('header.language')).toBe('Language');
    expect(en?.get('common')?.get('header.playground')).toBe('GraphQL Playground');
    expect(en?.get('common')?.get('languages.en')).toBe('English');
    expect(en?.get('common')?.get('languages.vi')).toBe('Tiếng Việt');
  });
});
