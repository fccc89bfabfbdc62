import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../modules/auth/viewer.js';

/** What every resolver gets, for HTTP and graphql-ws alike: a fresh unit of work and the caller. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer;
  /** Client address, for rate limits and audit. */
  ip: string;
  requestId: string;
}

/**
 * A context whose EntityManager is forked on first use: a subscription that never reads the
 * database (like workerHeartbeats) holds no unit of work for its whole life.
 */
export function createContext(fork: () => EntityManager, viewer: Viewer, ip: string, requestId: string): GraphQLContext {
  let em: EntityManager | undefined;
  return {
    get em() {
      return (em ??= fork());
    },
    viewer,
    ip,
    requestId,
  };
}
