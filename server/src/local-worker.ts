import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Logger } from './observability/logger.js';
import { type CapacitySettings, describeOffer, type LocalWorkerOffer, localWorkerOffer } from './local-worker-capacity.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** True when a Docker Engine answers on its local socket. */
export function dockerAnswers(socketPath = '/var/run/docker.sock'): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
  });
}

/** A running local worker: what it offers, and how to stop it. */
export interface LocalWorker {
  offer: LocalWorkerOffer;
  dispose(): Promise<void>;
}

/**
 * The all-in-one default: a worker agent for this machine, in its own process, joined to this
 * control plane over loopback like any other worker. Its capacity settings are sized to a
 * machine it shares with the control plane and PostgreSQL (see {@link localWorkerOffer}).
 */
export async function startLocalWorker(opts: {
  port: number;
  clusterToken: string;
  guacTokenKey: string;
  dataDir: string;
  onlyWithDocker: boolean;
  logger: Logger;
  capacity: { defaults: CapacitySettings; set: readonly string[] };
}): Promise<LocalWorker | null> {
  if (opts.onlyWithDocker && !(await dockerAnswers())) {
    opts.logger.info('no Docker Engine on this machine; not starting a local worker');
    return null;
  }
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const gatewayPort = await freeLoopbackPort();
  const offer = localWorkerOffer({ cpus: os.cpus().length, memoryMb: Math.floor(os.totalmem() / 1048576) }, opts.capacity.defaults, opts.capacity.set);
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, path.join(root, 'worker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      WORKER_CODE: `local-${os.hostname().replace(/[^A-Za-z0-9._-]/g, '-')}`.slice(0, 128),
      WORKER_NAME: 'This machine',
      WORKER_CLUSTER_TOKEN: opts.clusterToken,
      CONTROL_PLANE_API_BASE: `http://127.0.0.1:${opts.port}`,
      // Its display gateway is reached by this control plane only, over loopback.
      WORKER_API_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      WORKER_PUBLIC_PORT: String(gatewayPort),
      WORKER_PUBLIC_HOST: '127.0.0.1',
      GUAC_TOKEN_KEY: opts.guacTokenKey,
      WORKER_STATE_DIR: path.join(opts.dataDir, 'worker'),
      WORKER_RESERVED_CPUS: String(offer.reservedCpus),
      WORKER_RESERVED_MEMORY_MB: String(offer.reservedMemoryMb),
      EXAM_VM_CPUS: String(offer.vmCpus),
      EXAM_VM_MEMORY_MB: String(offer.vmMemoryMb),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  opts.logger.info({ pid: child.pid, slots: offer.slots, sized: offer.sized, offer: describeOffer(offer) }, 'started a local worker (Docker Engine found)');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    offer,
    dispose: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
