import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { DockerDriver } from './docker-driver.js';
import { chainFor, EgressFirewall } from './firewall.js';
import { hostDnsServers, resolveDomains, type EgressPolicy } from './egress-policy.js';
import { describeNamespace, type ProbeResult, probeFrom, targetOfUrl } from './preflight.js';
import type { WorkerConfig } from './config.js';

/** The label that keeps a desktop's egress policy with its container (restored after a restart). */
export const EGRESS_LABEL = 'vdi.egress';

/** How long the blocked target may take to answer when its dropped packets are not counted yet. */
const BLOCKED_FALLBACK_SEC = 3;

/** What a preflight found: the allowed target (when there is one) and the blocked one. */
interface Probes {
  allowed: ProbeResult | null;
  blocked: ProbeResult;
  /** The process whose network namespace was probed. */
  pid: number;
}

/** Where a desktop's network is, for the hook that writes its rules before it starts. */
export interface DesktopNetwork {
  network: string;
  bridge: string;
  /** The holder whose network namespace the desktop joins (a spare sandbox), when there is one. */
  holderPid?: number | null;
}

/**
 * Egress of the desktops on this worker: rules applied before a desktop starts (strict: a
 * failure fails the session closed), a preflight probe before READY, rules removed with the
 * session, restored and pruned when the worker starts, and allowed domains re-resolved on a timer.
 */
export class DesktopEgress {
  private readonly firewall: EgressFirewall;
  private timer: NodeJS.Timeout | undefined;
  /** Networks of desktops being created: their chains exist before their containers run. */
  private readonly creating = new Set<string>();
  /** Preflights started in a spare's namespace as soon as its rules exist, by network. */
  private readonly early = new Map<string, Promise<Probes>>();

  constructor(
    private readonly config: WorkerConfig,
    private readonly driver: DockerDriver,
    private readonly logger: Logger,
  ) {
    this.firewall = new EgressFirewall(config.preflight.blocked);
  }

  /**
   * The hook that writes a restricted desktop's rules once its network exists. When the desktop
   * will join a holder's namespace, the preflight starts there at once, while the container is
   * created and started (the namespace, the bridge and the rules are the ones the desktop gets).
   */
  beforeStart(policy: EgressPolicy, log: (line: string) => void, browserUrl: string | null = null): (net: DesktopNetwork) => Promise<void> {
    return async ({ network, bridge, holderPid }) => {
      this.creating.add(network);
      try {
        const { cidrs, failed } = await resolveDomains(policy.domains);
        if (failed.length) log(`Egress: could not resolve ${failed.join(', ')} (not allowed until they resolve)`);
        await this.firewall.apply(network, bridge, policy, cidrs, hostDnsServers(), true);
        log(`Egress restricted: ${policy.cidrs.length + cidrs.length} allowed destinations plus DNS; everything else dropped (${bridge})`);
      } catch (err) {
        const message = `Egress rules could not be applied: ${(err as Error).message}`;
        if (policy.strict) throw new Error(`${message} (EXAM_FIREWALL_ENFORCE_STRICT: failing closed)`);
        log(`${message}; continuing without them (not strict)`);
      }
      if (holderPid) {
        const probes = this.probe(holderPid, network, browserUrl);
        probes.catch(() => undefined); // read by preflight(); a create that fails first never reads it
        this.early.set(network, probes);
      }
    };
  }

  /**
   * Probes from inside the desktop's network namespace: an allowed target must answer, a blocked
   * one must not. The result goes to the session log; in strict mode a failed probe throws. A
   * probe already made in the holder's namespace of `network` is used; otherwise the desktop's.
   */
  async preflight(route: string, network: string | null, policy: EgressPolicy, browserUrl: string | null, log: (line: string) => void): Promise<void> {
    const early = network ? this.early.get(network) : undefined;
    if (network) this.early.delete(network);
    const probes = early ? await early : await this.probeDesktop(route, network, browserUrl);
    const { allowed, blocked } = probes;
    const problems: string[] = [];
    if (allowed) {
      log(`Preflight: allowed ${allowed.target} ${allowed.answered ? 'answers' : `does not answer (${allowed.detail})`}`);
      if (!allowed.answered) {
        problems.push(`allowed ${allowed.target} does not answer`);
        // What the operator needs to see next: the desktop's addresses and routes as the probe had them.
        log(`Preflight: the desktop's network: ${await describeNamespace(probes.pid)}`);
      }
    }
    log(`Preflight: blocked ${blocked.target} ${blocked.answered ? `ANSWERS (${blocked.detail})` : `is unreachable (${blocked.detail})`}`);
    if (blocked.answered) problems.push(`blocked ${blocked.target} answers`);
    if (problems.length && policy.strict) throw new Error(`preflight failed: ${problems.join('; ')} (EXAM_FIREWALL_ENFORCE_STRICT)`);
    if (problems.length) log(`Preflight problems (not strict, continuing): ${problems.join('; ')}`);
  }

  private async probeDesktop(route: string, network: string | null, browserUrl: string | null): Promise<Probes> {
    const endpoint = await this.driver.endpoint(route);
    if (!endpoint) throw new Error('the desktop stopped before the preflight probe');
    return this.probe(endpoint.pid, network, browserUrl);
  }

  /** Both probes from the namespace of `pid` (on `network`), at once. */
  private async probe(pid: number, network: string | null, browserUrl: string | null): Promise<Probes> {
    const allowedTarget = this.config.preflight.allowed ?? (browserUrl ? targetOfUrl(browserUrl) : null);
    const [allowed, blocked] = await Promise.all([allowedTarget ? probeFrom(pid, allowedTarget, 3) : Promise.resolve(null), this.probeBlocked(pid, network)]);
    return { allowed, blocked, pid };
  }

  /**
   * The blocked target, from the namespace of `pid`: unreachable as soon as the network's rules
   * count a packet to it dropped (the verdict needs no timeout), reached if the connection opens or
   * is refused. A target with no counted rule (a host name) gets 0.25 s to answer, as before.
   */
  private async probeBlocked(pid: number, network: string | null): Promise<ProbeResult> {
    const target = this.config.preflight.blocked;
    if (!network || !this.firewall.countsProbe) return probeFrom(pid, target, 0.25);
    const stop = new AbortController();
    const probe = probeFrom(pid, target, BLOCKED_FALLBACK_SEC, stop.signal);
    let done: ProbeResult | null = null;
    void probe.then((r) => (done = r));
    for (;;) {
      const drops = await this.firewall.probeDrops(network);
      const finished = done as ProbeResult | null;
      // An open or refused connection wins over a counted drop: the verdict that fails closed.
      if (finished?.answered) return finished;
      if (drops) {
        stop.abort();
        return { target, answered: false, detail: 'dropped by the egress rules' };
      }
      if (finished) return finished;
      await Promise.race([probe, delay(10)]);
    }
  }

  /** The desktop on `network` has started: its rules are now kept by its label. */
  settled(network: string | null): void {
    if (network) this.creating.delete(network);
  }

  /** Removes the rules of a session's networks (a stopped desktop, or one that failed to start). */
  async release(networks: string[]): Promise<void> {
    for (const n of networks) {
      this.creating.delete(n);
      this.early.delete(n);
    }
    for (const n of networks)
      await this.firewall.remove(n).catch((err: Error) => this.logger.warn({ network: n, err: err.message }, 'could not remove egress rules'));
  }

  /**
   * On start: removes every chain whose desktop is gone and rewrites the rules of every running
   * restricted desktop (from its label), so nothing stale is left and nothing is missing. Then
   * refreshes the resolved domains every EXAM_DOMAIN_REFRESH_SEC.
   */
  async start(): Promise<void> {
    await this.sync().catch((err: Error) => this.logger.error({ err: err.message }, 'could not restore egress rules'));
    this.timer = setInterval(
      () => void this.sync().catch((err: Error) => this.logger.warn({ err: err.message }, 'egress refresh failed')),
      this.config.egress.refreshMs,
    );
    this.timer.unref();
  }

  private async sync(): Promise<void> {
    const live = new Map<string, EgressPolicy>();
    for (const d of await this.driver.running()) {
      const label = d.labels[EGRESS_LABEL];
      if (!label) continue;
      for (const n of d.networks) live.set(n, JSON.parse(label) as EgressPolicy);
    }
    const keep = new Set([...live.keys(), ...this.creating].map(chainFor));
    for (const chain of await this.firewall.chains()) {
      if (!keep.has(chain)) {
        await this.firewall.removeChain(chain);
        this.logger.info({ chain }, 'removed egress rules of a desktop that is gone');
      }
    }
    for (const [network, policy] of live) {
      const { cidrs } = await resolveDomains(policy.domains);
      await this.firewall.apply(network, await this.driver.bridgeOf(network), policy, cidrs, hostDnsServers());
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
