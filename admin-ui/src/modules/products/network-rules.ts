/**
 * The egress entries a product's network policy accepts, checked as the admin types so a bad CIDR
 * or IP is marked before submit. Mirrors the server's rules (server/src/modules/products/
 * network-policy.ts), which stay the authority: entries are trimmed and lower-cased there too.
 */

/** What kind of entry a tag input holds. */
export type RuleKind = 'domain' | 'cidr' | 'ip';

/** Why an entry is refused: a `products` catalogue key under `network.invalid.` and its values. */
export interface RuleProblem {
  key: string;
  values?: Record<string, string | number>;
}

const DOMAIN = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** True for a dotted IPv4 address with four parts of 0–255 and no leading zeros. */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address (with `::` compression and an optional trailing IPv4). */
export function isIPv6(value: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = halves.flatMap(groups);
  const last = all[all.length - 1] ?? '';
  const v4 = last.includes('.');
  if (v4 && !isIPv4(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const width = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

/** 4 or 6 for an IP address, 0 otherwise (like Node's `net.isIP`). */
export function ipFamily(value: string): 0 | 4 | 6 {
  if (isIPv4(value)) return 4;
  return isIPv6(value) ? 6 : 0;
}

function cidrProblem(value: string): RuleProblem | null {
  const [addr, bits, extra] = value.split('/');
  if (bits === undefined) return { key: 'cidrNoPrefix' };
  if (extra !== undefined || !addr) return { key: 'cidr' };
  const family = ipFamily(addr);
  if (family === 0) return { key: 'cidrAddress', values: { address: addr } };
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return { key: 'cidrPrefix', values: { max } };
  return null;
}

/** Why `raw` is not a valid entry of this kind, or null when it is. */
export function ruleProblem(kind: RuleKind, raw: string): RuleProblem | null {
  const value = raw.trim().toLowerCase();
  if (value === '') return { key: 'empty' };
  if (kind === 'cidr') return cidrProblem(value);
  if (kind === 'ip') {
    if (value.includes('/')) return { key: 'ipWithPrefix' };
    return ipFamily(value) === 0 ? { key: 'ip' } : null;
  }
  if (/^https?:\/\//.test(value) || value.includes('/')) return { key: 'domainUrl' };
  return DOMAIN.test(value) ? null : { key: 'domain' };
}

/** The entries of a list that are refused, each with its problem, in order. */
export function listProblems(kind: RuleKind, values: readonly string[]): { value: string; problem: RuleProblem }[] {
  return values.flatMap((value) => {
    const problem = ruleProblem(kind, value);
    return problem ? [{ value, problem }] : [];
  });
}
