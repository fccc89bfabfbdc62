import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../shared/domain-error.js';
import { WORKER_ROLE, type AuthRole } from '../modules/auth/viewer.js';
import type { GraphQLContext } from './context.js';

/**
 * `@Authorized(...roles)`: no viewer → UNAUTHENTICATED; a viewer without one of the roles →
 * FORBIDDEN. An empty list means any person (not a worker). Workers carry the WORKER role only.
 */
export const authChecker: AuthChecker<GraphQLContext, AuthRole> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw new UnauthenticatedError();
  if (viewer.kind === 'worker') {
    if (roles.includes(WORKER_ROLE)) return true;
    throw new ForbiddenError('Worker credentials may only call the worker protocol');
  }
  if (roles.length === 0 || roles.includes(viewer.role)) return true;
  throw new ForbiddenError(`Requires one of: ${roles.join(', ')}`);
};
