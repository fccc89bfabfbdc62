import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer, WorkerViewer } from '../shared/viewer.js';

/**
 * Streams a subscription's `subscribe` function reads (its options cannot reach resolver
 * instances). Items are the subscription's root values; their type belongs to the module that
 * resolves them (the core does not know the workers module's commands).
 */
export interface LiveStreams {
  workerCommands(viewer: WorkerViewer): AsyncIterable<object>;
}

/** What every resolver gets, for HTTP and graphql-ws alike: a fresh unit of work and the caller. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer;
  /** Client address, for rate limits and audit. */
  ip: string;
  requestId: string;
  live: LiveStreams;
}

/**
 * A context whose EntityManager is forked on first use: a subscription that never reads the
 * database (like workerHeartbeats) holds no unit of work for its whole life. The getter lives on
 * the prototype: Apollo copies each context's own fields per operation, and a getter among them
 * would be called by that copy, forking a unit of work for every request.
 */
class RequestContext implements GraphQLContext {
  private forked: EntityManager | undefined;

  constructor(
    private readonly fork: () => EntityManager,
    readonly viewer: Viewer,
    readonly ip: string,
    readonly requestId: string,
    readonly live: LiveStreams,
  ) {}

  get em(): EntityManager {
    if (!this.forked) this.forked = this.fork();
    return this.forked;
  }
}

export function createContext(fork: () => EntityManager, viewer: Viewer, ip: string, requestId: string, live: LiveStreams): GraphQLContext {
  return new RequestContext(fork, viewer, ip, requestId, live);
}
