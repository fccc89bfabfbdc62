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
