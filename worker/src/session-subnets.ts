import { randomInt } from 'node:crypto';

/** The size of one session network: 14 addresses, for a desktop, its holder and the gateway. */
const SESSION_PREFIX = 28;
/** Subnets tried in a row before giving up (each one the engine found taken by another network). */
const ATTEMPTS = 64;

/**
 * Subnets for session networks carved from WORKER_SESSION_SUBNETS (an IPv4 CIDR), /28 each.
 * Docker's default address pools hold about 30 bridge networks, and every desktop has its own:
 * a worker running more desktops than that needs a range of its own. Subnets are handed out in
 * turn from a random start (a restarted worker does not begin on its running desktops' subnets);
 * one the engine says overlaps another network is skipped.
 */
export class SessionSubnets {
  private readonly base: number;
  private readonly count: number;
  private cursor: number;

  constructor(cidr: string) {
    const parsed = parseCidr(cidr);
    if (!parsed || parsed.prefix > SESSION_PREFIX) throw new Error(`not an IPv4 range of /${SESSION_PREFIX} subnets or more: ${cidr}`);
    this.base = parsed.network;
    this.count = 2 ** (SESSION_PREFIX - parsed.prefix);
    this.cursor = randomInt(this.count);
  }

  /** The next subnet in turn. */
  next(): string {
    const n = (this.base + (this.cursor++ % this.count) * 2 ** (32 - SESSION_PREFIX)) >>> 0;
    return `${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')}/${SESSION_PREFIX}`;
  }

  /** Runs `create` with subnets in turn until the engine takes one that overlaps no other network. */
  async create<T>(create: (subnet: string) => Promise<T>): Promise<T> {
    let last: Error | null = null;
    for (let i = 0; i < Math.min(ATTEMPTS, this.count); i++) {
      try {
        return await create(this.next());
      } catch (err) {
        if (!/overlap/i.test((err as Error).message)) throw err;
        last = err as Error;
      }
    }
    throw new Error(`no free session subnet in WORKER_SESSION_SUBNETS: ${last?.message ?? 'the range is too small'}`);
  }
}

/** An IPv4 CIDR's network address (as a number) and prefix length, or null. */
export function parseCidr(cidr: string): { network: number; prefix: number } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const ip = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { network: ip - (ip % size), prefix };
}
