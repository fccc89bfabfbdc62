import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import type { EgressPolicy } from './egress-policy.js';

const run = promisify(execFile);

/** The chain of one session network. */
export function chainFor(network: string): string {
  return `VDI-${network.replace(/^vdi-net-/, '').slice(0, 20)}`;
}

/**
 * The egress allowlist on the worker host (EXAM_RESTRICT_INTERNET): each restricted session
 * network gets a chain that lets through replies, DNS to the host's resolvers and the allowed
 * addresses, and drops everything else — private ranges and the metadata address included. The
 * chain is entered from DOCKER-USER (traffic leaving through the host) and from INPUT (traffic to
 * the host itself), for packets coming in on the network's bridge. A chain is replaced in one
 * iptables-restore transaction, so a refresh never opens a gap.
 *
 * The preflight's blocked target (an address:port) is dropped by a rule of its own, the last
 * before the DROP: its packet counter going up proves that a packet to the target crossed every
 * rule that could have let it through, so the preflight's verdict needs no timeout.
 */
export class EgressFirewall {
  private readonly probe: ((chain: string) => string) | null;

  /** `probeTarget`: the preflight's blocked target; counted on its own when it is an IPv4 address:port. */
  constructor(probeTarget: string | null = null) {
    this.probe = probeRule(probeTarget);
  }

  /** True when the preflight's blocked target has a counted rule of its own. */
  get countsProbe(): boolean {
    return this.probe !== null;
  }

  /** Packets to the preflight's blocked target that a network's rules dropped (null: no such rule there now). */
  async probeDrops(network: string): Promise<number | null> {
    const { stdout } = await run('iptables', ['-w', '-S', chainFor(network), '-v']).catch(() => ({ stdout: '' }));
    const line = stdout.split('\n').find((l) => l.includes(PROBE_COMMENT));
    const m = line ? / -c (\d+) \d+/.exec(line) : null;
    return m ? Number(m[1]) : null;
  }

  /**
   * Writes (or rewrites) the rules of one network: `cidrs` are the allowed destinations. For a
   * `fresh` network (no rules yet) the jumps go into the same transaction; otherwise they are
   * checked and added only when missing.
   */
  async apply(network: string, bridge: string, policy: EgressPolicy, resolved: string[], dnsServers: string[], fresh = false): Promise<void> {
    const chain = chainFor(network);
    const allowed = [...new Set([...policy.cidrs, ...resolved])];
    const lines = [
      '*filter',
      `:${chain} - [0:0]`,
      `-F ${chain}`,
      `-A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN`,
      ...dnsServers.flatMap((ip) => [`-A ${chain} -d ${ip}/32 -p udp --dport 53 -j RETURN`, `-A ${chain} -d ${ip}/32 -p tcp --dport 53 -j RETURN`]),
      ...allowed.map((cidr) => `-A ${chain} -d ${cidr} -j RETURN`),
      ...(this.probe ? [this.probe(chain)] : []),
      `-A ${chain} -m comment --comment "vdi: egress not allowed for ${network}" -j DROP`,
      ...(fresh ? [`-I DOCKER-USER 1 -i ${bridge} -j ${chain}`, `-I INPUT 1 -i ${bridge} -j ${chain}`] : []),
      'COMMIT',
      '',
    ];
    await restore(lines.join('\n'));
    if (fresh) return;
    for (const parent of ['DOCKER-USER', 'INPUT']) {
      if (!(await iptablesOk(['-C', parent, '-i', bridge, '-j', chain]))) await iptables(['-I', parent, '1', '-i', bridge, '-j', chain]);
    }
  }

  /** Removes a network's rules; nothing to remove is fine. */
  async remove(network: string): Promise<void> {
    const chain = chainFor(network);
    for (const parent of ['DOCKER-USER', 'INPUT']) {
      for (const rule of await this.jumps(parent, chain)) await iptables(['-D', parent, ...rule]).catch(() => undefined);
    }
    await iptables(['-F', chain]).catch(() => undefined);
    await iptables(['-X', chain]).catch(() => undefined);
  }

  /** Every network that has a chain now (by chain name). */
  async chains(): Promise<string[]> {
    const { stdout } = await run('iptables', ['-w', '-S']);
    return [...stdout.matchAll(/^-N (VDI-\S+)$/gm)].map((m) => m[1]!);
  }

  /** Removes a chain found by name (a restarted worker's leftovers). */
  async removeChain(chain: string): Promise<void> {
    for (const parent of ['DOCKER-USER', 'INPUT']) {
      for (const rule of await this.jumps(parent, chain)) await iptables(['-D', parent, ...rule]).catch(() => undefined);
    }
    await iptables(['-F', chain]).catch(() => undefined);
    await iptables(['-X', chain]).catch(() => undefined);
  }

  /** The rules of `parent` jumping to `chain`, as argument lists for -D. */
  private async jumps(parent: string, chain: string): Promise<string[][]> {
    const { stdout } = await run('iptables', ['-w', '-S', parent]).catch(() => ({ stdout: '' }));
    return stdout
      .split('\n')
      .filter((l) => l.startsWith(`-A ${parent} `) && l.endsWith(`-j ${chain}`))
      .map((l) => l.slice(`-A ${parent} `.length).split(' '));
  }
}

const PROBE_COMMENT = 'vdi: the preflight target, dropped and counted';

/** The rule that drops (and counts) the preflight's blocked target; null for a host name. */
function probeRule(target: string | null): ((chain: string) => string) | null {
  const m = target ? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(target) : null;
  if (!m || !net.isIPv4(m[1]!)) return null;
  const [, ip, port] = m;
  return (chain) => `-A ${chain} -d ${ip}/32 -p tcp -m tcp --dport ${port} -m comment --comment "${PROBE_COMMENT}" -j DROP`;
}

async function iptables(args: string[]): Promise<void> {
  try {
    await run('iptables', ['-w', ...args]);
  } catch (err) {
    throw new Error(`iptables ${args.join(' ')} failed: ${((err as { stderr?: string }).stderr ?? (err as Error).message).trim()}`);
  }
}

async function iptablesOk(args: string[]): Promise<boolean> {
  return run('iptables', ['-w', ...args]).then(
    () => true,
    () => false,
  );
}

function restore(rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('iptables-restore', ['-w', '--noflush'], (err, _out, stderr) =>
      err ? reject(new Error(`iptables-restore failed: ${(stderr || err.message).trim()}`)) : resolve(),
    );
    child.stdin!.end(rules);
  });
}
