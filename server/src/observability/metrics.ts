import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';

/** Prometheus metrics of one server process, on its own registry. */
export class Metrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'vdi_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation type and name',
    labelNames: ['type', 'operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly heartbeats = new Counter({ name: 'vdi_worker_heartbeats_total', help: 'Heartbeats received', registers: [this.registry] });

  /**
   * `sessionStates` lists every session state, so a state nobody is in reads 0 rather than
   * vanishing from the scrape (the composition root passes them: the core knows no module).
   */
  constructor(orm: MikroORM, heartbeatTtlSec: number, sessionStates: readonly string[]) {
    collectDefaultMetrics({ register: this.registry, prefix: 'vdi_' });
    new Gauge({
      name: 'vdi_workers',
      help: 'Workers by health, status and drain status',
      labelNames: ['health', 'status', 'drain'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { health: string; status: string; drain: string; n: string }[] = await orm.em.getConnection().execute(
          `select case when last_heartbeat_at > now() - make_interval(secs => ?) then 'HEALTHY' else 'STALE' end as health,
                  status, drain_status as drain, count(*) as n from workers group by 1, 2, 3`,
          [heartbeatTtlSec],
        );
        for (const r of rows) this.set({ health: r.health, status: r.status, drain: r.drain }, Number(r.n));
      },
    });
    new Gauge({
      name: 'vdi_sessions',
      help: 'Sessions by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of sessionStates) this.set({ state: s }, 0);
        const rows: { state: string; n: string }[] = await orm.em.getConnection().execute(`select state, count(*) as n from sessions group by state`);
        for (const r of rows) this.set({ state: r.state }, Number(r.n));
      },
    });
  }

  /** Apollo plugin timing every request. */
  apolloPlugin(): ApolloServerPlugin {
    const histogram = this.requestDuration;
    return {
      async requestDidStart() {
        const end = histogram.startTimer();
        return {
          async willSendResponse({ operation, errors }) {
            // The root field, not the client's operation name, keeps label values bounded by the schema.
            const first = operation?.selectionSet.selections[0];
            const field = first?.kind === 'Field' ? first.name.value : 'unknown';
            end({ type: operation?.operation ?? 'unknown', operation: field, outcome: errors?.length ? 'error' : 'ok' });
          },
        };
      },
    };
  }
}
