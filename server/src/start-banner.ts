import type { ServerConfig } from './config/config.js';
import { describeOffer, type LocalWorkerOffer } from './local-worker-capacity.js';

/**
 * What `npm start` prints once the control plane serves: where to open it, who signs in first,
 * and what this machine's own worker offers (or how to get one).
 */
export function readyBanner(config: Pick<ServerConfig, 'host' | 'adminUsername' | 'localWorker'>, port: number, localWorker: LocalWorkerOffer | null): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const worker = localWorker
    ? `Local worker: ${describeOffer(localWorker)}`
    : config.localWorker === 'false'
      ? 'Local worker: off (VDI_LOCAL_WORKER=false); join workers with ./bootstrap-worker.sh up.'
      : 'Local worker: none (no Docker Engine answers on this machine); join workers with ./bootstrap-worker.sh up.';
  return [
    '',
    `VDI Portal is ready: http://${host}:${port}/  (GraphQL and GraphiQL at /graphql)`,
    `  First admin: "${config.adminUsername}" (a generated password is printed once, on the very first start, above; ADMIN_PASSWORD sets one)`,
    `  ${worker}`,
    '',
  ].join('\n');
}
