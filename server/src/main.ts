import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadServerConfig, type ServerConfig } from './config/config.js';
import { resolveSecrets, type ServerSecrets } from './config/secrets.js';
import { createLogger, type Logger } from './observability/logger.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { openDatabase } from './db/orm.js';
import { createAppPubSub, type AppPubSub } from './graphql/pubsub.js';
import { PgEventBridge } from './graphql/pg-event-bridge.js';
import { createAppSchema, createResolvers, ENTITIES } from './app-modules.js';
import { createServices, startLoops, stopLoops, wireReactions, type AppServices, type Infrastructure, type Services } from './app-services.js';
import { createHttpServer, type HttpServer } from './http/app.js';
import { startLocalWorker } from './local-worker.js';
import type { LocalWorkerOffer } from './local-worker-capacity.js';
import { readyBanner } from './start-banner.js';
import type { WorkerViewer } from './shared/viewer.js';

export type { Services } from './app-services.js';

/** A running control plane. */
export interface RunningServer {
  port: number;
  url: string;
  orm: MikroORM;
  pubsub: AppPubSub;
  services: Services;
  logger: Logger;
  /** What this machine's own worker offers, when one was started. */
  localWorker: LocalWorkerOffer | null;
  dispose(): Promise<void>;
}

/** The database the control plane runs on: DATABASE_URL, or the embedded PostgreSQL in its data folder. */
interface Store {
  url: string;
  orm: MikroORM;
  embedded?: EmbeddedDatabase;
}

/** The composition root: builds every part by constructor (app-services, app-modules) and starts serving. */
export async function startServer(config: ServerConfig, logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const secrets = resolveSecrets(config);
  if (secrets.generated.length) logger.info({ keys: secrets.generated, file: secrets.file }, 'generated secrets kept in the data folder');
  const store = await openStore(config, logger);
  const pubsub = createAppPubSub();
  const bridge = config.crossReplicaEvents ? new PgEventBridge(store.url, pubsub, logger) : null;
  await bridge?.start();
  const infra: Infrastructure = { config, secrets, orm: store.orm, pubsub, logger };
  const services = createServices(infra);
  const reactions = wireReactions(services, infra);
  await services.users.ensureFirstAdmin(store.orm.em.fork(), config.adminUsername, config.adminPassword, logger);
  const http = await serveHttp(services, infra);
  const port = await http.listen(config.port, config.host);
  startLoops(services);
  logger.info({ port, graphql: `http://localhost:${port}/graphql` }, 'control plane listening');
  const localWorker = await localWorkerFor(config, secrets, port, logger);
  const dispose = async () => {
    // Background loops first, all at once: Ctrl-C in a terminal reaches the embedded PostgreSQL
    // too, and a pass started while the local worker stops would only fail against it.
    await Promise.all([stopLoops(services), reactions.dispose()]);
    await localWorker?.dispose();
    services.desktopProxy.dispose();
    await http.dispose();
    await services.heartbeats.dispose();
    await bridge?.dispose();
    await store.orm.close();
    await store.embedded?.dispose();
  };
  return { port, url: `http://127.0.0.1:${port}`, orm: store.orm, pubsub, services, logger, localWorker: localWorker?.offer ?? null, dispose };
}

/** Connects (starting the embedded PostgreSQL without DATABASE_URL) and migrates. */
async function openStore(config: ServerConfig, logger: Logger): Promise<Store> {
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger);
  const url = config.databaseUrl ?? (embedded as EmbeddedDatabase).url;
  // A failed migration must not leave the embedded PostgreSQL running behind an exited process.
  const orm = await openDatabase(url, ENTITIES, logger, config.dbPoolMax).catch(async (err: unknown) => {
    await embedded?.dispose();
    throw err;
  });
  return { url, orm, embedded };
}

/** The schema over every resolver, and the HTTP + WebSocket server that answers it. */
async function serveHttp(s: AppServices, infra: Infrastructure): Promise<HttpServer> {
  const { config, orm, pubsub, logger } = infra;
  return createHttpServer({
    config,
    orm,
    schema: await createAppSchema(createResolvers(s, infra), pubsub),
    auth: s.auth,
    metrics: s.metrics,
    logger,
    live: { workerCommands: (viewer: WorkerViewer) => s.commands.stream(viewer) },
    upgrades: { '/desktop/': (req, socket, head) => s.desktopProxy.handle(req, socket, head) },
  });
}

/** This machine's own worker, unless VDI_LOCAL_WORKER=false (with `auto`, only where Docker answers). */
function localWorkerFor(
  config: ServerConfig,
  secrets: ServerSecrets,
  port: number,
  logger: Logger,
): Promise<Awaited<ReturnType<typeof startLocalWorker>> | null> {
  if (config.localWorker === 'false') return Promise.resolve(null);
  return startLocalWorker({
    port,
    clusterToken: secrets.clusterToken,
    guacTokenKey: secrets.guacTokenKey,
    dataDir: config.dataDir,
    onlyWithDocker: config.localWorker === 'auto',
    logger,
    capacity: { defaults: config.capacityDefaults, set: config.capacitySet },
  });
}

async function main(): Promise<void> {
  const config = loadServerConfig();
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  process.stdout.write(`${readyBanner(config, running.port, running.localWorker)}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await running.dispose();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    // Logged at error level with its cause and printed plainly: whatever was thrown, never "undefined".
    const cause = err instanceof Error ? err.message : `${inspect(err)} (a failure without a message)`;
    createLogger('error').error({ err }, `control plane failed to start: ${cause}`);
    process.stderr.write(`control plane failed to start: ${cause}\n`);
    process.exit(1);
  });
}
