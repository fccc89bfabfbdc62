/**
 * An authenticated `workers` query (the wall display's poll) over HTTP: requests/s and p99,
 * with 20 workers that heartbeat and hold sessions.
 */
import { adminToken, registerWorkers, startBenchServer, wrkPost } from './support.js';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const server = await startBenchServer();
try {
  const token = await adminToken(server);
  const workers = await registerWorkers(server, WORKERS);
  for (const w of workers) {
    await server.gql(
      `mutation { workerHeartbeat(input: { driver: { reachable: true }, usage: { cpuPercent: 20, memoryUsedMb: 4096 } }) { status } }`,
      {},
      w.credential,
    );
  }
  const body = JSON.stringify({
    query:
      '{ workers { id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt cpuPercent memoryUsedMb driver { reachable } } }',
  });
  await wrkPost(`${server.url}/graphql`, body, [token], 3, CONNECTIONS);
  const r = await wrkPost(`${server.url}/graphql`, body, [token], SECONDS, CONNECTIONS);
  console.log(`workers query: ${WORKERS} workers, ${CONNECTIONS} connections, ${SECONDS} s`);
  console.log(`  throughput  ${r.perSecond.toFixed(0)} requests/s`);
  console.log(`  latency     p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  max ${r.maxMs.toFixed(2)} ms`);
  console.log(`  failures    non-2xx ${r.non2xx}  socket errors ${r.errors}`);
  console.log(`  server RSS  ${server.rssMb().toFixed(0)} MB`);
} finally {
  await server.stop();
}
