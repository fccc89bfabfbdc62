/** Plural suffixes i18next adds per language (`_one`, `_other`, …): a key is the same key without them. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** A catalogue's nested keys as dotted paths (`header.signOut`), with their string values. */
export function flatten(catalogue: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, path)) out.set(kk, vv);
    else out.set(path, String(v));
  }
  return out;
}

/** A key without its plural suffix. */
export function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

/** Whether `t(key)` finds text: the key itself, or its plural forms. */
export function hasKey(keys: ReadonlySet<string> | Map<string, string>, key: string): boolean {
  return keys.has(key) || keys.has(`${key}_other`);
}

/** The `{{placeholders}}` a text interpolates, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** A `t('…')` use found in a source file: the namespace it resolves in, and the key. */
export interface KeyUse {
  file: string;
  namespaces: string[];
  key: string;
}

/**
 * The static keys a source file asks for: `t('key')`, `t('ns:key')`, `i18n.t('ns:key')` and
 * navbar `labelKey: 'key'`. Keys without a namespace resolve in the namespaces the file's
 * `useTranslation(...)` calls name, or `common` when it names none.
 */
export function keyUses(file: string, text: string): KeyUse[] {
  // Comments (JSDoc examples among them) are not uses.
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const declared = [...source.matchAll(/useTranslation\(\s*(?:\[\s*)?['"]([\w-]+)['"]/g)].map((m) => m[1] ?? 'common');
  const namespaces = declared.length > 0 ? [...new Set(declared)] : ['common'];
  if (source.includes('useTranslation()') && !namespaces.includes('common')) namespaces.push('common');
  const uses: KeyUse[] = [];
  for (const m of source.matchAll(/(?:\bt|\bi18n\.t|labelKey:)\(?\s*(['"])([^'"`$\n]+)\1/g)) {
    const raw = m[2] ?? '';
    const colon = raw.indexOf(':');
    if (colon > 0) uses.push({ file, namespaces: [raw.slice(0, colon)], key: raw.slice(colon + 1) });
    else uses.push({ file, namespaces, key: raw });
  }
  return uses;
}
