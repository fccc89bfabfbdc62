import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ControlPlaneClient } from './control-plane-client.js';
import { DesktopStartError, routeFor, type DesktopSpec, type DockerDriver } from './docker-driver.js';
import type { LogShipper } from './log-shipper.js';
import type { WorkerConfig } from './config.js';
import { effectivePolicy, type EgressPolicy } from './egress-policy.js';
import { EGRESS_LABEL, type DesktopEgress } from './egress.js';
import type { ExamImage } from './exam-image.js';
import type { RdpDesktops } from './rdp-desktop.js';
import { rdpKindOf } from './rdp-spec.js';
import { warmDisplay } from './display-warmup.js';
import { CompleteWorkerCommandDocument, ReportSessionDocument, WorkerCommandsDocument, type WorkerCommandsSubscription } from './gql/graphql.js';
import { type CreateSessionPayload, parseWorkerCommand, type ProvisionActionName, type WorkerCommandMessage } from '../../schema/worker-protocol.js';

type Command = WorkerCommandsSubscription['workerCommands'];

/** Where Chromium reads the managed URL allowlist the worker writes for each desktop. */
const POLICY_DIR = '/etc/chromium/policies/managed';

const READY_LINE = 'VDI-READY';

/**
 * Runs the commands the control plane sends. Handlers are idempotent (a create adopts the
 * container a previous attempt left; a stop of a missing container succeeds), commands of one
 * session run one after another, and every command is acknowledged exactly once it has run.
 */
export class CommandRunner {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly following = new Map<string, () => void>();
  /** Display logins under way (warm), by session: ended when the desktop stops. */
  private readonly warming = new Map<string, AbortController>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly client: ControlPlaneClient,
    private readonly driver: DockerDriver,
    private readonly shipper: LogShipper,
    private readonly egress: DesktopEgress,
    private readonly examImage: ExamImage,
    private readonly logger: Logger,
    private readonly rdp: RdpDesktops,
  ) {}

  start(): void {
    // Opened again whenever the control plane ends it: a worker without its command channel would look healthy and do nothing.
    this.unsubscribe = this.client.follow<WorkerCommandsSubscription>('command channel', WorkerCommandsDocument.toString(), (data) =>
      this.enqueue(data.workerCommands),
    );
  }

  /** True while a command of this session is queued or running (it decides the session's fate). */
  busy(sessionId: string): boolean {
    return this.chains.has(sessionId);
  }

  private enqueue(command: Command): void {
    const key = command.sessionId ?? command.id;
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.run(command));
    this.chains.set(key, next);
    void next.finally(() => this.chains.get(key) === next && this.chains.delete(key));
  }

  private async run(received: Command): Promise<void> {
    this.logger.info({ id: received.id, kind: received.kind, sessionId: received.sessionId, attempt: received.attempts }, 'running command');
    let result: { ok: boolean; error?: string };
    // Checked at the edge: a malformed command is reported as failed, with what is wrong, not run.
    const parsed = parseWorkerCommand(received);
    if (!parsed.ok) {
      result = { ok: false, error: `malformed command: ${parsed.problems.join('; ')}`.slice(0, 2000) };
      this.logger.error({ id: received.id, kind: received.kind, problems: parsed.problems }, 'refused a malformed command');
    } else {
      result = await this.execute(parsed.command);
    }
    await this.shipper.flush();
    await this.acknowledge(received.id, result);
  }

  private async execute(command: WorkerCommandMessage): Promise<{ ok: boolean; error?: string }> {
    try {
      if (command.kind === 'CREATE_SESSION') await this.create(command.payload);
      else if (command.kind === 'STOP_SESSION') await this.stop(command.payload.workerRoute ?? routeFor(command.payload.sessionId), command.sessionId);
      else await this.stop(command.payload.name, null);
      return { ok: true };
    } catch (err) {
      const error = (err as Error).message;
      this.logger.warn({ id: command.id, kind: command.kind, error }, 'command failed');
      return { ok: false, error };
    }
  }

  private async acknowledge(id: string, result: { ok: boolean; error?: string }): Promise<void> {
    await this.client.requestUntilTaken('acknowledgement', CompleteWorkerCommandDocument, { id, input: result }).catch((err: Error) =>
      // Unacknowledged: the control plane delivers it again on reconnect, and the handler is idempotent.
      this.logger.warn({ id, err: err.message }, 'could not acknowledge command'),
    );
  }

  private async create(p: CreateSessionPayload): Promise<void> {
    const log = (line: string) => this.shipper.add(p.sessionId, line);
    const route = routeFor(p.sessionId);
    const t0 = performance.now();
    const step = (name: string) => this.logger.debug({ sessionId: p.sessionId, step: name, ms: Math.round(performance.now() - t0) }, 'provisioning step');
    try {
      log(`Provisioning ${p.provisionAction} desktop on worker ${this.config.code}`);
      // Told while the container starts, not before: the report is off the path to READY. It only
      // informs (READY follows): a control plane too slow to take it must not fail the desktop,
      // nor, rejected while nothing awaits it yet, end the agent as an unhandled rejection.
      const provisioning = this.client
        .request(ReportSessionDocument, { input: { sessionId: p.sessionId, state: 'PROVISIONING', workerRoute: route } })
        .catch((err: Error) => this.logger.warn({ sessionId: p.sessionId, err: err.message }, 'could not report PROVISIONING; READY will follow'));
      const rdpKind = rdpKindOf(p);
      // An RDP desktop (a VPS) shows no kiosk page: its egress allows no page host of its own.
      const browserUrl = rdpKind ? null : (p.browserUrl ?? this.config.egress.browserUrl);
      const policy = effectivePolicy(this.config.egress, p.network, p.provisionAction === 'LINUX' ? browserUrl : null);
      const rdp = rdpKind ? await this.rdp.plan(rdpKind, p, this.egressHooks(policy, log), log) : null;
      const spec = rdp?.spec ?? this.spec(p, browserUrl, policy, log);
      if (spec.image === this.config.examImage) await this.examImage.ensure(log);
      const { desktop, hostPort } = rdp
        ? await this.rdp.start(rdp, log, (network) => this.egress.release([network]))
        : { desktop: await this.driver.start(spec, log), hostPort: 0 };
      this.egress.settled(desktop.network);
      step('started');
      // One stream of the container's output feeds the session log and, for TEST, readiness.
      const readyLine = this.follow(desktop.route, p.sessionId, desktop.adopted, 'logLine' in spec.ready ? spec.ready.logLine : null);
      /** Where the desktop answered once its port did (a VNC desktop's display is then logged in to once). */
      let answeredAt: { ip: string; port: number } | null = null;
      const readyPort = 'port' in spec.ready ? spec.ready.port : null;
      const ready = rdp
        ? this.rdp.waitReady(desktop.route, hostPort, rdp.timeoutMs, log)
        : readyPort !== null
          ? this.driver.waitForPort(desktop.route, readyPort, this.config.readyTimeoutMs).then((ip) => {
              answeredAt = { ip, port: readyPort };
            })
          : desktop.adopted
            ? Promise.resolve()
            : readyLine;
      // The probe needs only the network and its rules, so it runs while the desktop boots (in a
      // spare's namespace it began as soon as the rules were written, while the container was made).
      const preflight =
        policy.restrict && !desktop.adopted ? this.egress.preflight(desktop.route, desktop.network, policy, browserUrl, log) : Promise.resolve();
      await Promise.all([provisioning.then(() => step('reported provisioning')), ready.then(() => step('ready')), preflight.then(() => step('preflight'))]);
      const password = desktop.env.VDI_PASSWORD ?? desktop.env.VNC_PASSWORD ?? null;
      log(`Desktop ready: ${desktop.route} (${Math.round(performance.now() - t0)} ms on the worker)`);
      const connection = rdp
        ? this.rdp.connection(hostPort, desktop.env, log)
        : {
            protocol: protocolOf(p.provisionAction),
            host: this.config.connectionHost,
            port: portOf(p.provisionAction),
            username: desktop.env.VDI_USERNAME ?? p.username,
            password,
          };
      // A buyer reads the credentials from the log once READY: the lines go out before the report.
      // (Exam desktops skip the wait: nobody reads their log for a login, the candidate is let in.)
      if (rdp || p.provisionAction === 'TEST') await this.shipper.flush();
      // The display's first login costs its VNC server more than any later one: paid now, beside the
      // report, rather than by the first viewer (at doors-open, thirty of them at once).
      if (answeredAt && connection.protocol === 'vnc') this.warm(p.sessionId, answeredAt, password);
      // Tried again through a control plane restart or a database restart: failing here would remove a good desktop.
      await this.client.requestUntilTaken('READY report', ReportSessionDocument, {
        input: { sessionId: p.sessionId, state: 'READY', workerRoute: desktop.route, connection },
      });
      step('reported ready');
      // A spare network for the next desktop, made once this one's first seconds are over (it costs the engine).
      this.driver.sandboxes.refillLater();
    } catch (err) {
      log(`Provisioning failed: ${(err as Error).message}`);
      this.driver.sandboxes.refill();
      // Nothing is left behind: the container and its network go with the failure.
      this.following.get(p.sessionId)?.();
      this.warming.get(p.sessionId)?.abort();
      const removed = await this.driver.remove(route).catch(() => null);
      this.rdp.release(route);
      await this.egress.release([...(removed?.networks ?? []), ...(err instanceof DesktopStartError ? [err.network] : [])]);
      throw err;
    }
  }

  /** Logs in to a new desktop's display once (warmDisplay), and says so in its log; a failure does not fail the desktop. */
  private warm(sessionId: string, at: { ip: string; port: number }, password: string | null): void {
    const t0 = performance.now();
    const ended = new AbortController();
    this.warming.set(sessionId, ended);
    warmDisplay(at.ip, at.port, password, undefined, ended.signal)
      .then(
        (size) => {
          const ms = Math.round(performance.now() - t0);
          this.logger.debug({ sessionId, ms }, 'display warmed');
          this.shipper.add(sessionId, `Display answers a viewer login: ${size.width}×${size.height} (${ms} ms)`);
        },
        (err: Error) => {
          // A desktop stopped while its display was being logged in to: nothing to say.
          if (ended.signal.aborted) return;
          this.logger.warn({ sessionId, err: err.message }, 'the new desktop display did not answer a viewer login');
          this.shipper.add(sessionId, `Display did not answer a viewer login: ${err.message}`);
        },
      )
      .finally(() => this.warming.get(sessionId) === ended && this.warming.delete(sessionId));
  }

  private async stop(route: string, sessionId: string | null): Promise<void> {
    if (sessionId) {
      this.shipper.add(sessionId, `Stopping ${route}`);
      this.following.get(sessionId)?.();
      this.following.delete(sessionId);
      this.warming.get(sessionId)?.abort();
    }
    const existed = await this.driver.remove(route);
    this.rdp.release(route);
    await this.egress.release(existed?.networks ?? []);
    if (sessionId) this.shipper.add(sessionId, existed ? `Desktop ${route} stopped and removed` : `Desktop ${route} was already gone`);
  }

  /**
   * Ships the container's own output into the session log (from now, when adopting); resolves
   * when `readyLine` appears, rejects if the output ends first or after the ready timeout.
   */
  private follow(route: string, sessionId: string, adopted: boolean, readyLine: string | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready within ${this.config.readyTimeoutMs / 1000} s (no "${readyLine}" in its output)`)),
        this.config.readyTimeoutMs,
      );
      const settle = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      if (!readyLine) settle();
      this.following.get(sessionId)?.();
      this.driver
        .followLogs(
          route,
          (line) => {
            this.shipper.add(sessionId, line);
            if (readyLine && line.includes(readyLine)) settle();
          },
          adopted,
          () => settle(new Error('the container exited before it was ready')),
        )
        .then((stop) => this.following.set(sessionId, stop))
        .catch((err: Error) => settle(new Error(`cannot read the container's output: ${err.message}`)));
    });
  }

  private spec(p: CreateSessionPayload, browserUrl: string | null, policy: EgressPolicy, log: (line: string) => void): DesktopSpec {
    const image = p.image ?? (p.provisionAction === 'TEST' ? this.config.testImage : p.provisionAction === 'LINUX' ? this.config.examImage : null);
    if (!image) throw new Error(`no image for a ${p.provisionAction} product: set the product's image`);
    const password = randomBytes(9).toString('base64url');
    const linux = p.provisionAction === 'LINUX';
    if (linux && !browserUrl) throw new Error("no kiosk page: set the product's browserUrl or the worker's EXAM_BROWSER_URL");
    const username = linux ? this.config.examUsername : p.username;
    return {
      sessionId: p.sessionId,
      image,
      cpus: p.cpus,
      memoryMb: p.memoryMb,
      shmMb: p.shmMb,
      env: {
        VDI_SESSION_ID: p.sessionId,
        VDI_USERNAME: username,
        ...(linux ? { VNC_PASSWORD: password } : { VDI_PASSWORD: password, VDI_READY_LINE: READY_LINE }),
        ...(browserUrl ? { EXAM_BROWSER_URL: browserUrl } : {}),
      },
      ready: p.provisionAction === 'TEST' ? { logLine: READY_LINE } : { port: portOf(p.provisionAction)! },
      registryAuth: p.registryAuth ?? null,
      // Chromium reads one value per policy, so the allowlist goes into the image's own policy file.
      files: linux
        ? [{ dir: POLICY_DIR, name: 'exam.json', content: JSON.stringify({ URLAllowlist: urlAllowlist(browserUrl!, policy.domains) }), mergeJson: true }]
        : [],
      ...this.egressHooks(policy, log, browserUrl),
    };
  }

  /** The label that keeps a restricted desktop's policy, and the hook that writes its rules before it starts. */
  private egressHooks(policy: EgressPolicy, log: (line: string) => void, browserUrl: string | null = null): Pick<DesktopSpec, 'labels' | 'beforeStart'> {
    return {
      labels: policy.restrict ? { [EGRESS_LABEL]: JSON.stringify(policy) } : {},
      beforeStart: policy.restrict ? this.egress.beforeStart(policy, log, browserUrl) : undefined,
    };
  }

  dispose(): void {
    this.unsubscribe?.();
    for (const stop of this.following.values()) stop();
    for (const login of this.warming.values()) login.abort();
  }
}

/** Chromium URL patterns: the kiosk page's origin and every allowed domain (subdomains included). */
function urlAllowlist(browserUrl: string, domains: string[]): string[] {
  const u = new URL(browserUrl);
  return [...new Set([`${u.protocol}//${u.host}`, u.hostname, ...domains])];
}

function protocolOf(action: ProvisionActionName): string {
  return action === 'WINDOWS' ? 'rdp' : action === 'LINUX' ? 'vnc' : 'test';
}

function portOf(action: ProvisionActionName): number | null {
  return action === 'WINDOWS' ? 3389 : action === 'LINUX' ? 5901 : null;
}
