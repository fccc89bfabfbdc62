import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { loadWorkerConfig, type WorkerConfig } from './config.js';
import { ControlPlaneClient } from './control-plane-client.js';
import { DockerDriver } from './docker-driver.js';
import { HeartbeatLoop } from './heartbeat.js';
import { CommandRunner } from './commands.js';
import { DeadDesktops } from './dead-desktops.js';
import { LogShipper } from './log-shipper.js';
import { DesktopEgress } from './egress.js';
import { DisplayGateway } from './display-gateway.js';
import { DEFAULT_EXAM_CONTEXT, ExamImage } from './exam-image.js';
import { DEFAULT_LINUX_DESKTOP_CONTEXT, RdpDesktops } from './rdp-desktop.js';
import { ephemeralOverlap, RdpPortPool } from './rdp-ports.js';
import { SessionSubnets } from './session-subnets.js';

export const WORKER_VERSION = '0.1.0';

/** A running worker agent. */
export interface RunningWorker {
  workerId: string;
  dispose(): Promise<void>;
}

/** The worker's composition root: join, heartbeat, run commands. Containers outlive the agent. */
export async function startWorker(config: WorkerConfig, logger: Logger): Promise<RunningWorker> {
  if (config.ignoredKeys.length)
    logger.info({ keys: config.ignoredKeys }, 'ignoring control-plane settings in the env file (a worker holds no database credentials)');
  const driver = new DockerDriver(
    config.code,
    config.dockerHost,
    config.sandboxSpares,
    config.sessionSubnets ? new SessionSubnets(config.sessionSubnets) : undefined,
  );
  const engine = await driver.status();
  if (!engine.reachable) logger.warn({ error: engine.error }, 'container engine unreachable; the control plane will place no sessions here until it answers');
  else await driver.sandboxes.init();
  const client = new ControlPlaneClient(config, logger);
  const workerId = await client.register(WORKER_VERSION);
  const shipper = new LogShipper(client, logger);
  const egress = new DesktopEgress(config, driver, logger);
  if (engine.reachable) await egress.start();
  const examImage = new ExamImage(
    driver.docker,
    config.examImage,
    config.examImageContext ?? DEFAULT_EXAM_CONTEXT,
    { EXAM_VM_USERNAME: config.examUsername },
    logger,
  );
  if (engine.reachable && config.examImageAutobuild)
    void examImage
      .refresh()
      .catch((err: Error) => logger.error({ err: err.message }, 'the exam image could not be built; exam desktops will fail until it is'));
  const rdp = await startRdpDesktops(config, driver, engine.reachable, logger);
  const runner = new CommandRunner(config, client, driver, shipper, egress, examImage, logger, rdp);
  const deadDesktops = new DeadDesktops(client, (sessionId) => runner.busy(sessionId), logger);
  const heartbeat = new HeartbeatLoop(client, driver, config.heartbeatIntervalMs, () => client.register(WORKER_VERSION), logger, deadDesktops, rdp);
  const gateway = new DisplayGateway(config.code, config.guacTokenKey, driver, logger);
  const gatewayPort = await gateway.listen(config.publicPort, config.listenHost);
  logger.info({ port: gatewayPort, tokens: Boolean(config.guacTokenKey) }, 'display gateway listening');
  if (!config.guacTokenKey) logger.warn('GUAC_TOKEN_KEY is not set: the display gateway refuses every connection');
  heartbeat.start();
  runner.start();
  return {
    workerId,
    dispose: async () => {
      examImage.stop();
      heartbeat.dispose();
      runner.dispose();
      egress.dispose();
      await driver.sandboxes.dispose().catch((err: Error) => logger.warn({ err: err.message }, 'could not remove the spare sandboxes'));
      await gateway.dispose();
      await shipper.dispose();
      await client.dispose();
    },
  };
}

/**
 * RDP desktops and their port pool, which first learns the ports this worker's containers hold
 * (a restarted worker keeps its desktops' ports and never hands a held one out).
 */
async function startRdpDesktops(config: WorkerConfig, driver: DockerDriver, engineUp: boolean, logger: Logger): Promise<RdpDesktops> {
  const linuxImage = new ExamImage(driver.docker, config.rdp.linuxImage, DEFAULT_LINUX_DESKTOP_CONTEXT, {}, logger, {
    what: 'VPS Linux desktop image',
    nameVar: 'VPS_LINUX_IMAGE',
  });
  const rdp = new RdpDesktops(config, driver, new RdpPortPool(config.rdp.ports), linuxImage, logger);
  if (engineUp) {
    const listedAt = Date.now();
    rdp.sync(await driver.inventory(), listedAt);
  }
  const kvm = rdp.kvm();
  logger.info({ ports: `${config.rdp.ports.from}-${config.rdp.ports.to}`, bindHost: config.rdp.bindHost, host: config.connectionHost, kvm }, 'RDP desktops');
  const overlap = ephemeralOverlap(config.rdp.ports, await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => ''));
  if (overlap)
    logger.warn(
      { overlap: `${overlap.from}-${overlap.to}` },
      "WORKER_RDP_PORT_RANGE lies in the kernel's ephemeral ports (net.ipv4.ip_local_port_range): outgoing connections can take a desktop's port; pick a range below it",
    );
  if (!config.connectionHost) logger.warn('no WORKER_PUBLIC_HOST (nor a WORKER_API_BASE_URL host): RDP desktops report no host to connect to');
  return rdp;
}

function envFileArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--env-file');
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env, envFileArg(process.argv));
  const logger = pino({ name: 'vdi-worker', level: config.logLevel });
  const running = await startWorker(config, logger);
  // Once: a stop signal can arrive twice (the terminal's process group and a parent forwarding it).
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info({ signal }, 'worker stopping (desktops keep running)');
      await running.dispose();
      process.exit(0);
    })());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
