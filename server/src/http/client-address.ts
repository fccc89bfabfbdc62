import net from 'node:net';
import type { IncomingMessage } from 'node:http';

const KEYWORDS: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** Thrown for a VDI_TRUST_PROXY value that names no address, range or keyword. */
export class TrustProxyError extends Error {}

/**
 * Which hops' X-Forwarded-For is believed, as Express's `trust proxy` setting reads it:
 * `false` (the default: the header is ignored, the socket's address counts), `true` (every hop),
 * a number of hops, or a comma list of addresses, CIDR ranges and the keywords `loopback`,
 * `linklocal`, `uniquelocal`.
 */
export function compileTrust(setting: string): (address: string, hop: number) => boolean {
  const value = setting.trim().toLowerCase();
  if (value === '' || value === 'false') return () => false;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) return (_a, hop) => hop < Number(value);
  const list = new net.BlockList();
  for (const item of value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (KEYWORDS[item]) {
      for (const [net_, prefix, type] of KEYWORDS[item]!) list.addSubnet(net_, prefix, type);
      continue;
    }
    const [address, prefix] = item.split('/');
    const type = net.isIPv4(address!) ? 'ipv4' : net.isIPv6(address!) ? 'ipv6' : null;
    if (!type) throw new TrustProxyError(`VDI_TRUST_PROXY: "${item}" is not an address, a CIDR range or loopback/linklocal/uniquelocal`);
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return (address) => {
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const type = net.isIPv4(plain) ? 'ipv4' : net.isIPv6(plain) ? 'ipv6' : null;
    return type !== null && list.check(plain, type);
  };
}

/**
 * The client's address: the socket's, or — when the socket is a trusted proxy — the nearest
 * address in X-Forwarded-For that is not itself trusted. With the default (`false`), a forged
 * header changes nothing, so per-address limits (failed logins) cannot be dodged with it.
 */
export function clientAddress(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  const direct = req.socket.remoteAddress ?? '';
  if (!trust(direct, 0)) return direct;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .reverse();
  let address = direct;
  for (let hop = 0; hop < forwarded.length; hop++) {
    address = forwarded[hop]!;
    if (!trust(address, hop + 1)) return address;
  }
  return address;
}
