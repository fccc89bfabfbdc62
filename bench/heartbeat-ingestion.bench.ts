/**
 * Heartbeat ingestion over real HTTP from many simulated workers.
 * Goal: ≥ 5,000 heartbeats/s with p99 ≤ 20 ms on a 2-core machine.
 */
import { adminToken, registerWorkers, startBenchServer, wrkPost } from './support.js';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const server = await startBenchServer();
try {
  const workers = await registerWorkers(server, WORKERS);
  const body = JSON.stringify({
    query: 'mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status drainStatus } }',
    variables: {
      i: {
        usage: { cpuPercent: 37.5, memoryUsedMb: 6144 },
        driver: { reachable: true, version: '28.2.2' },
        inventory: [{ name: 'quack_a1b2c', state: 'running' }],
      },
    },
  });
  const credentials = workers.map((w) => w.credential);
  await wrkPost(`${server.url}/graphql`, body, credentials, 3, CONNECTIONS); // warm-up
  const r = await wrkPost(`${server.url}/graphql`, body, credentials, SECONDS, CONNECTIONS);
  console.log(`heartbeat ingestion: ${WORKERS} workers, ${CONNECTIONS} connections, ${SECONDS} s, server RSS ${server.rssMb().toFixed(0)} MB`);
  console.log(`  throughput  ${r.perSecond.toFixed(0)} heartbeats/s  (goal ≥ 5000)`);
  console.log(`  latency     p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  max ${r.maxMs.toFixed(2)} ms  (goal p99 ≤ 20 ms)`);
  console.log(`  failures    non-2xx ${r.non2xx}  socket errors ${r.errors}`);
  // Every heartbeat reached the database through the coalescing buffer.
  await new Promise((res) => setTimeout(res, 1500));
  const list = await server.gql(`{ workers { health } }`, {}, await adminToken(server));
  console.log(`  workers HEALTHY after run: ${list.workers.filter((w: { health: string }) => w.health === 'HEALTHY').length}/${WORKERS}`);
} finally {
  await server.stop();
}
