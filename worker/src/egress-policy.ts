import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';

/** A product's network policy as the control plane sends it with a create command. */
export interface ProductNetworkPolicy {
  restrictInternet: boolean;
  allowedDomains?: string[];
  allowedCidrs?: string[];
  allowedIps?: string[];
  originIp?: string | null;
  strict?: boolean;
}

/** What one desktop may reach: the union of the worker's EXAM_* defaults and its product's policy. */
export interface EgressPolicy {
  restrict: boolean;
  strict: boolean;
  domains: string[];
  /** CIDRs and single addresses (as /32), origin IP included. */
  cidrs: string[];
}

/** Merges the worker defaults with the product's policy; the browser URL's host is always allowed. */
export function effectivePolicy(
  worker: { restrict: boolean; domains: string[]; cidrs: string[]; ips: string[]; originIp: string | null; strict: boolean },
  product: ProductNetworkPolicy | null | undefined,
  browserUrl: string | null,
): EgressPolicy {
  const host = browserUrl ? new URL(browserUrl).hostname.replace(/^\[|\]$/g, '') : null;
  const hosts = [...worker.domains, ...(product?.allowedDomains ?? []), ...(host && !net.isIP(host) ? [host] : [])];
  const addresses = [
    ...worker.ips,
    ...(product?.allowedIps ?? []),
    ...(worker.originIp ? [worker.originIp] : []),
    ...(product?.originIp ? [product.originIp] : []),
    ...(host && net.isIPv4(host) ? [host] : []),
  ];
  const cidrs = [...worker.cidrs, ...(product?.allowedCidrs ?? []), ...addresses.filter((a) => net.isIPv4(a)).map((a) => `${a}/32`)];
  return {
    restrict: worker.restrict || Boolean(product?.restrictInternet),
    strict: worker.strict || Boolean(product?.strict),
    domains: [...new Set(hosts.map((d) => d.toLowerCase()))].sort(),
    cidrs: [...new Set(cidrs.filter(isIpv4Cidr))].sort(),
  };
}

/** True for an IPv4 CIDR like 10.0.0.0/8 (the firewall is IPv4; Docker bridges are IPv4 here). */
export function isIpv4Cidr(value: string): boolean {
  const [ip, bits] = value.split('/');
  return net.isIPv4(ip ?? '') && bits !== undefined && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
}

/** The policy's domains resolved now (IPv4), as /32 CIDRs; a domain that does not resolve is reported. */
export async function resolveDomains(domains: string[]): Promise<{ cidrs: string[]; failed: string[] }> {
  const cidrs: string[] = [];
  const failed: string[] = [];
  await Promise.all(
    domains.map(async (d) => {
      try {
        for (const ip of await dns.resolve4(d)) cidrs.push(`${ip}/32`);
      } catch {
        failed.push(d);
      }
    }),
  );
  return { cidrs: [...new Set(cidrs)].sort(), failed: failed.sort() };
}

/** The host's DNS servers (what Docker's embedded resolver forwards to), loopback ones left out. */
export function hostDnsServers(resolvConf = '/etc/resolv.conf'): string[] {
  let text = '';
  try {
    text = fs.readFileSync(resolvConf, 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!).filter((ip) => net.isIPv4(ip) && !ip.startsWith('127.'));
}
