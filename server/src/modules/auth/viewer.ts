import { Role } from '../users/user.entity.js';

/** A logged-in person, from a verified JWT. */
export interface UserViewer {
  kind: 'user';
  id: string;
  username: string;
  role: Role;
}

/** A worker agent, from its per-worker credential. */
export interface WorkerViewer {
  kind: 'worker';
  workerId: string;
  code: string;
}

/** Whoever sent the operation; null when nobody is authenticated. */
export type Viewer = UserViewer | WorkerViewer | null;

/** The pseudo-role a worker credential carries in `@Authorized` lists. */
export const WORKER_ROLE = 'WORKER';

/** Roles accepted by `@Authorized`: the people's roles plus the worker's. */
export type AuthRole = Role | typeof WORKER_ROLE;

/** True when the viewer is a person with one of `roles`. */
export function hasRole(viewer: Viewer, ...roles: Role[]): viewer is UserViewer {
  return viewer?.kind === 'user' && roles.includes(viewer.role);
}

/** Staff see every session, worker and user listing. */
export function isStaff(viewer: Viewer): viewer is UserViewer {
  return hasRole(viewer, Role.ADMIN, Role.OPERATOR);
}

/** A label for audit rows and logs. */
export function viewerLabel(viewer: Viewer): string {
  if (!viewer) return 'anonymous';
  return viewer.kind === 'user' ? viewer.username : `worker:${viewer.code}`;
}
