import type { Logger } from 'pino';
import type { DockerDriver } from './docker-driver.js';
import { chainFor, EgressFirewall } from './firewall.js';
import { hostDnsServers, resolveDomains, type EgressPolicy } from './egress-policy.js';
import { probeFrom, targetOfUrl } from './preflight.js';
import type { WorkerConfig } from './config.js';

/** The label that keeps a desktop's egress policy with its container (restored after a restart). */
export const EGRESS_LABEL = 'vdi.egress';

/**
 * Egress of the desktops on this worker: rules applied before a desktop starts (strict: a
 * failure fails the session closed), a preflight probe before READY, rules removed with the
 * session, restored and pruned when the worker starts, and allowed domains re-resolved on a timer.
 */
export class DesktopEgress {
  private readonly firewall = new EgressFirewall();
  private timer: NodeJS.Timeout | undefined;
  /** Networks of desktops being created: their chains exist before their containers run. */
  private readonly creating = new Set<string>();

  constructor(
    private readonly config: WorkerConfig,
    private readonly driver: DockerDriver,
    private readonly logger: Logger,
  ) {}

  /** The hook that writes a restricted desktop's rules once its network exists. */
  beforeStart(policy: EgressPolicy, log: (line: string) => void): (net: { network: string; bridge: string }) => Promise<void> {
    return async ({ network, bridge }) => {
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
    };
  }

  /**
   * Probes from inside the desktop's network namespace: an allowed target must answer, a blocked
   * one must not. The result goes to the session log; in strict mode a failed probe throws.
   */
  async preflight(route: string, policy: EgressPolicy, browserUrl: string | null, log: (line: string) => void): Promise<void> {
    const endpoint = await this.driver.endpoint(route);
    if (!endpoint) throw new Error('the desktop stopped before the preflight probe');
    const allowedTarget = this.config.preflight.allowed ?? (browserUrl ? targetOfUrl(browserUrl) : null);
    const [allowed, blocked] = await Promise.all([
      allowedTarget ? probeFrom(endpoint.pid, allowedTarget, 3) : Promise.resolve(null),
      probeFrom(endpoint.pid, this.config.preflight.blocked, 0.25),
    ]);
    const problems: string[] = [];
    if (allowed) {
      log(`Preflight: allowed ${allowed.target} ${allowed.answered ? 'answers' : `does not answer (${allowed.detail})`}`);
      if (!allowed.answered) problems.push(`allowed ${allowed.target} does not answer`);
    }
    log(`Preflight: blocked ${blocked.target} ${blocked.answered ? `ANSWERS (${blocked.detail})` : 'is unreachable'}`);
    if (blocked.answered) problems.push(`blocked ${blocked.target} answers`);
    if (problems.length && policy.strict) throw new Error(`preflight failed: ${problems.join('; ')} (EXAM_FIREWALL_ENFORCE_STRICT)`);
    if (problems.length) log(`Preflight problems (not strict, continuing): ${problems.join('; ')}`);
  }

  /** The desktop on `network` has started: its rules are now kept by its label. */
  settled(network: string | null): void {
    if (network) this.creating.delete(network);
  }

  /** Removes the rules of a session's networks (a stopped desktop, or one that failed to start). */
  async release(networks: string[]): Promise<void> {
    for (const n of networks) this.creating.delete(n);
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
