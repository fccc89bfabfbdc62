import { Navigate, Outlet, useMatches } from 'react-router';
import type { Role } from '../../gql/graphql';
import { NotAllowedPage } from '../../pages/NotAllowedPage/NotAllowedPage';
import { HOME_BY_ROLE, useViewer } from '../auth/use-viewer';

/** What a route declares in its `handle`: the roles that may open it (absent: anyone signed in). */
export interface RouteHandle {
  roles?: readonly Role[];
}

/** `handle` for a route only these roles may open. */
export function allow(...roles: Role[]): RouteHandle {
  return { roles };
}

/** The roles the deepest matched route asks for. */
function requiredRoles(matches: ReturnType<typeof useMatches>): readonly Role[] | undefined {
  for (let i = matches.length - 1; i >= 0; i--) {
    const roles = (matches[i]?.handle as RouteHandle | undefined)?.roles;
    if (roles) return roles;
  }
  return undefined;
}

/** The matched page when the signed-in person's role may open it; otherwise "Not allowed". */
export function RoleOutlet() {
  const viewer = useViewer();
  const roles = requiredRoles(useMatches());
  if (viewer && roles && !roles.includes(viewer.role)) return <NotAllowedPage role={viewer.role} />;
  return <Outlet />;
}

/** `/`: the person's home (ADMIN/OPERATOR `/exams`, USER `/store`, CANDIDATE `/join`). */
export function HomeRedirect() {
  const viewer = useViewer();
  return viewer ? <Navigate to={HOME_BY_ROLE[viewer.role]} replace /> : null;
}
