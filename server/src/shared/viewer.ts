import { Role } from './role.js';

/** A logged-in person, from a verified JWT. */
export interface UserViewer {
  kind: 'user';
  id: string;
  username: string;
  role: Role;
  /** Set after a generated password: only `me` and `changeMyPassword` are allowed until it is changed. */
  mustChangePassword?: boolean;
}

/** A worker agent, from its per-worker credential. */
export interface WorkerViewer {
  kind: 'worker';
  workerId: string;
  code: string;
}

/** A wall display (a TV), from a wall link's secret: it may read the monitoring streams only. */
export interface WallViewer {
  kind: 'wall';
  wallLinkId: string;
  name: string;
}

/** Whoever sent the operation; null when nobody is authenticated. */
export type Viewer = UserViewer | WorkerViewer | WallViewer | null;

/** The pseudo-role a worker credential carries in `@Authorized` lists. */
export const WORKER_ROLE = 'WORKER';

/** The pseudo-role a wall link carries in `@Authorized` lists (monitoring reads only). */
export const WALL_ROLE = 'WALL';

/** Roles accepted by `@Authorized`: the people's roles plus the worker's and the wall's. */
export type AuthRole = Role | typeof WORKER_ROLE | typeof WALL_ROLE;

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
  if (viewer.kind === 'wall') return `wall:${viewer.name}`;
  return viewer.kind === 'user' ? viewer.username : `worker:${viewer.code}`;
}
