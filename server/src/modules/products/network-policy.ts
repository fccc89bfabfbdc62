import { isIP } from 'node:net';
import type { NetworkPolicy } from './product.entity.js';
import type { NetworkPolicyInput } from './products.inputs.js';
import { BadInputError } from '../../shared/domain-error.js';

const DOMAIN = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const MAX_ENTRIES = 256;

/** Validates and normalises egress rules; every bad entry is named. */
export function parseNetworkPolicy(input: NetworkPolicyInput | null | undefined): NetworkPolicy {
  if (!input) return { restrictInternet: false, allowedDomains: [], allowedCidrs: [], allowedIps: [], originIp: null, strict: true };
  const list = (field: string, values: string[] | null | undefined, ok: (v: string) => boolean, hint: string): string[] => {
    const items = (values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v.length > 0);
    if (items.length > MAX_ENTRIES) throw new BadInputError(`network.${field}`, `at most ${MAX_ENTRIES} entries`);
    for (const v of items) if (!ok(v)) throw new BadInputError(`network.${field}`, `"${v.slice(0, 80)}" is not ${hint}`);
    return [...new Set(items)];
  };
  const originIp = input.originIp?.trim() || null;
  if (originIp && !isIP(originIp)) throw new BadInputError('network.originIp', `"${originIp.slice(0, 80)}" is not an IP address`);
  return {
    restrictInternet: input.restrictInternet,
    allowedDomains: list('allowedDomains', input.allowedDomains, (v) => DOMAIN.test(v), 'a domain name'),
    allowedCidrs: list('allowedCidrs', input.allowedCidrs, isCidr, 'a CIDR range'),
    allowedIps: list('allowedIps', input.allowedIps, (v) => isIP(v) !== 0, 'an IP address'),
    originIp,
    strict: input.strict ?? true,
  };
}

/** True for `a.b.c.d/n` (n ≤ 32) or an IPv6 range (n ≤ 128). */
export function isCidr(value: string): boolean {
  const [addr, bits, extra] = value.split('/');
  if (extra !== undefined || !addr || !bits || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP(addr);
  const n = Number(bits);
  return (family === 4 && n <= 32) || (family === 6 && n <= 128);
}
