import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';

/** Every subscription topic. */
export enum Topic {
  WORKER_HEARTBEAT = 'WORKER_HEARTBEAT',
  WORKER_UPDATED = 'WORKER_UPDATED',
  SESSION_UPDATED = 'SESSION_UPDATED',
  CLUSTER_SUMMARY_CHANGED = 'CLUSTER_SUMMARY_CHANGED',
  WORKER_COMMAND_QUEUED = 'WORKER_COMMAND_QUEUED',
  SESSION_LOG = 'SESSION_LOG',
  PREWARM_PROGRESS = 'PREWARM_PROGRESS',
  /** A wall link was revoked, a person disabled or their password changed: every replica reads it again (and closes its connections when revoked). */
  IDENTITY_REVOKED = 'IDENTITY_REVOKED',
  /** A person's ledger moved outside a session change (an admin adjustment). */
  BALANCE_CHANGED = 'BALANCE_CHANGED',
  /** Free slots per active product; computed by each replica for its own subscribers (never forwarded). */
  PRODUCT_AVAILABILITY = 'PRODUCT_AVAILABILITY',
  /** A product was created or changed (its availability may have moved). */
  PRODUCT_CHANGED = 'PRODUCT_CHANGED',
  /**
   * Domain event: a session changed on this replica and the change is committed. Modules react to
   * it where the composition root wires them (the warm pool refills); delivered in this process only.
   */
  SESSION_CHANGED = 'SESSION_CHANGED',
}

/** Payload per topic. Ids only where the subscriber re-reads (so field rules apply per viewer). */
export interface TopicPayloads {
  [Topic.WORKER_HEARTBEAT]: {
    workerId: string;
    code: string;
    receivedAt: Date;
    cpuPercent: number | null;
    memoryUsedMb: number | null;
    driverReachable: boolean | null;
    containers: number;
  };
  [Topic.WORKER_UPDATED]: { workerId: string };
  [Topic.SESSION_UPDATED]: { sessionId: string; ownerId: string | null; examId: string | null; productId: string };
  [Topic.PREWARM_PROGRESS]: { examId: string | null; productId: string };
  [Topic.CLUSTER_SUMMARY_CHANGED]: { at: Date };
  [Topic.WORKER_COMMAND_QUEUED]: { workerId: string };
  [Topic.SESSION_LOG]: { sessionId: string; ownerId: string | null; lines: string[] };
  [Topic.IDENTITY_REVOKED]: { kind: 'user' | 'wall'; id: string; closeConnections: boolean };
  [Topic.BALANCE_CHANGED]: { userId: string };
  [Topic.PRODUCT_AVAILABILITY]: { productId: string; available: number }[];
  [Topic.PRODUCT_CHANGED]: { productId: string };
  [Topic.SESSION_CHANGED]: { sessionId: string; ownerId: string | null; examId: string | null; productId: string };
}

/** The typed pubsub; one per server process (LISTEN/NOTIFY bridges replicas). */
export type AppPubSub = ReturnType<typeof createAppPubSub>;

/** Receives every event published in this process (the replica bridge sends them on). */
export type EventForwarder = <K extends Topic>(topic: K, payload: TopicPayloads[K]) => void;

/**
 * The process's pubsub. `publish` delivers here and hands the event to the forwarder, if one is
 * set; `deliverLocal` delivers here only (events that came from another replica).
 */
export function createAppPubSub() {
  // One listener per live subscription: lift Node's default warning limit of 10.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  const local = createPubSub<{ [K in Topic]: [TopicPayloads[K]] }>({ eventTarget: eventTarget as never });
  let forward: EventForwarder | null = null;
  return {
    publish<K extends Topic>(topic: K, payload: TopicPayloads[K]): void {
      (local.publish as (t: K, p: TopicPayloads[K]) => void)(topic, payload);
      forward?.(topic, payload);
    },
    subscribe: local.subscribe,
    deliverLocal<K extends Topic>(topic: K, payload: TopicPayloads[K]): void {
      (local.publish as (t: K, p: TopicPayloads[K]) => void)(topic, payload);
    },
    setForwarder(fn: EventForwarder | null): void {
      forward = fn;
    },
  };
}
