import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from '../shared/domain-error.js';
import { WALL_ROLE, WORKER_ROLE, type AuthRole } from '../shared/viewer.js';
import type { GraphQLContext } from './context.js';

/** What a person who must change their password may still call (`me` needs no role at all). */
const WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<string> = new Set(['changeMyPassword']);
const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * `@Authorized(...roles)`: no viewer → UNAUTHENTICATED; a viewer without one of the roles →
 * FORBIDDEN. An empty list means any person (not a worker, not a wall). Workers carry the WORKER
 * role only, wall links the WALL role only. A person who must change their password gets
 * PASSWORD_CHANGE_REQUIRED for every operation but changeMyPassword.
 */
export const authChecker: AuthChecker<GraphQLContext, AuthRole> = ({ context, info }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw new UnauthenticatedError();
  if (viewer.kind === 'worker') {
    if (roles.includes(WORKER_ROLE)) return true;
    throw new ForbiddenError('Worker credentials may only call the worker protocol');
  }
  if (viewer.kind === 'wall') {
    if (roles.includes(WALL_ROLE)) return true;
    throw new ForbiddenError('A wall link may only read the monitoring streams');
  }
  if (viewer.mustChangePassword && ROOT_TYPES.has(info.parentType.name) && !WHILE_PASSWORD_CHANGE_REQUIRED.has(info.fieldName)) {
    throw new PasswordChangeRequiredError();
  }
  if (roles.length === 0 || roles.includes(viewer.role)) return true;
  throw new ForbiddenError(`Requires one of: ${roles.join(', ')}`);
};
