import { useQuery } from '@apollo/client';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';

/** The signed-in person. `id` + `__typename` normalise it, so a live balance update reaches the header. */
export const VIEWER_QUERY = graphql(`
  query Viewer_me {
    me { id username role coinBalance }
  }
`);

/** Where each role starts (`/`). */
export const HOME_BY_ROLE: Record<Role, string> = { ADMIN: '/exams', OPERATOR: '/exams', USER: '/store', CANDIDATE: '/join' };

/** Everyone who can sign in. */
export const ALL_ROLES: readonly Role[] = ['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'];

/** The signed-in person's `me`, from the cache once the sign-in guard has loaded it. */
export function useViewer() {
  const { data } = useQuery(VIEWER_QUERY, { fetchPolicy: 'cache-first' });
  return data?.me ?? null;
}

/** A `next` path that stays inside this app (no `//host` or `https:` open redirect). */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?')) return null;
  return next;
}
