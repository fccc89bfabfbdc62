/**
 * Fan-out: 1,000 graphql-ws subscribers on `workerHeartbeats`, 10 heartbeats/s.
 * Goal: p99 from the heartbeat's commit to delivery ≤ 100 ms (timed from sending it), nothing
 * dropped; server RSS after the run ≤ 250 MB.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { adminToken, percentile, registerWorkers, startBenchServer } from './support.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

const server = await startBenchServer();
const clients: Client[] = [];
try {
  const token = await adminToken(server);
  const [worker] = await registerWorkers(server, 1);
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  const received = new Map<number, number>();
  const wsUrl = `${server.url.replace('http', 'ws')}/graphql`;
  let ready = 0;
  const subscribed = new Promise<void>((resolve) => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        on: { connected: () => ++ready === SUBSCRIBERS && resolve() },
      });
      clients.push(client);
      client.subscribe<{ workerHeartbeats: { memoryUsedMb: number } }>(
        { query: 'subscription { workerHeartbeats { memoryUsedMb } }' },
        {
          next: ({ data }) => {
            const seq = data!.workerHeartbeats.memoryUsedMb;
            const sentAt = committedAt.get(seq);
            received.set(seq, (received.get(seq) ?? 0) + 1);
            if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
          },
          error: (e) => console.error('subscriber error', e),
          complete: () => undefined,
        },
      );
    }
  });
  await subscribed;
  await new Promise((r) => setTimeout(r, 1000)); // let every subscribe message land
  const total = RATE * SECONDS;
  const start = performance.now();
  for (let seq = 1; seq <= total; seq++) {
    const due = start + (seq - 1) * (1000 / RATE);
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    committedAt.set(seq, performance.now());
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${worker!.credential}` },
      body: JSON.stringify({
        query: 'mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status } }',
        variables: { i: { usage: { memoryUsedMb: seq } } },
      }),
    });
    if (!res.ok) throw new Error(`heartbeat ${seq} failed: ${res.status}`);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const expected = total * SUBSCRIBERS;
  const delivered = [...received.values()].reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  console.log(`subscription fan-out: ${SUBSCRIBERS} subscribers, ${RATE} events/s for ${SECONDS} s`);
  console.log(`  delivered   ${delivered}/${expected}  dropped ${expected - delivered}  (goal: none dropped)`);
  console.log(
    `  latency     p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  max ${latencies.at(-1)?.toFixed(1)} ms  (goal p99 ≤ 100 ms; timed from sending the heartbeat, an upper bound of commit → delivery)`,
  );
  console.log(`  server RSS  ${server.rssMb().toFixed(0)} MB after the run  (goal ≤ 250 MB)`);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const mb = (name: string) => (Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? NaN) / 1048576).toFixed(0);
  console.log(
    `  server heap ${mb('vdi_nodejs_heap_size_used_bytes')} MB used of ${mb('vdi_nodejs_heap_size_total_bytes')} MB; external ${mb('vdi_nodejs_external_memory_bytes')} MB`,
  );
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.stop();
}
