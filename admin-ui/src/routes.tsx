import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { NotFoundPage } from './pages/NotFoundPage/NotFoundPage';
import { RouteErrorPage } from './pages/RouteErrorPage/RouteErrorPage';
import { allow, HomeRedirect, RoleOutlet } from './modules/shell/route-guard';
import { FirstLoad, RootLayout } from './modules/shell/RootLayout';
import { SignedIn } from './modules/shell/SignedIn';
import { loadPageAssets } from './modules/shell/page-assets';

/** A route's page, loaded on first visit with the pages' text and styles: each page is its own chunk, so the first load stays small. */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return async () => {
    const [loaded] = await Promise.all([load(), loadPageAssets()]);
    return { Component: pick(loaded) };
  };
}

/**
 * Every route of the app (UI.md), one line each. `handle: allow(...)` names the roles that may
 * open a route (others see "Not allowed"); everything but `/login` needs a signed-in person.
 * A page area adds its line in its slot below; paths not listed show "Page not found". A line reads:
 *
 *   { path: '/exams', handle: allow('ADMIN', 'OPERATOR'), lazy: page(() => import('./pages/ExamsPage/ExamsPage'), (m) => m.ExamsPage) },
 *
 * (`allow` from `./modules/shell/route-guard`; one line for `/exams/:id` too.)
 */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FirstLoad />,
    children: [
      {
        path: '/login',
        lazy: page(
          () => import('./pages/LoginPage/LoginPage'),
          (m) => m.LoginPage,
        ),
      },
      // Wall (/wall): a TV opens it with a wall link (?key=…) and nobody signed in, staff signed in; the page checks which.
      {
        path: '/wall',
        lazy: page(
          () => import('./pages/WallPage/WallPage'),
          (m) => m.WallPage,
        ),
      },
      {
        element: <SignedIn />,
        children: [
          {
            // Full screen, no header or navbar.
            element: <RoleOutlet />,
            children: [
              {
                path: '/viewer/:sessionId',
                lazy: page(
                  () => import('./pages/DesktopViewerPage/DesktopViewerPage'),
                  (m) => m.DesktopViewerPage,
                ),
              },
              // Wall (/wall) sits beside /login: a wall link opens it without signing in.
            ],
          },
          {
            // The frame (header, navbar, menus) loads beside the first page: `/login` never needs it.
            lazy: async () => ({ Component: (await import('./modules/shell/ShellLayout')).ShellLayout }),
            children: [
              { index: true, element: <HomeRedirect /> },
              // Exams (/exams, /exams/:id) — allow('ADMIN', 'OPERATOR').
              {
                path: '/exams',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/ExamsPage/ExamsPage'),
                  (m) => m.ExamsPage,
                ),
              },
              {
                path: '/exams/:id',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/ExamDetailPage/ExamDetailPage'),
                  (m) => m.ExamDetailPage,
                ),
              },
              // Workers (/workers, /workers/:id) — allow('ADMIN', 'OPERATOR').
              {
                path: '/workers',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/WorkersPage/WorkersPage'),
                  (m) => m.WorkersPage,
                ),
              },
              {
                path: '/workers/:id',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/WorkerDetailPage/WorkerDetailPage'),
                  (m) => m.WorkerDetailPage,
                ),
              },
              // Sessions (/sessions, /sessions/:id) — allow('ADMIN', 'OPERATOR').
              {
                path: '/sessions',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/SessionsPage/SessionsPage'),
                  (m) => m.SessionsPage,
                ),
              },
              {
                path: '/sessions/:id',
                handle: allow('ADMIN', 'OPERATOR'),
                lazy: page(
                  () => import('./pages/SessionDetailPage/SessionDetailPage'),
                  (m) => m.SessionDetailPage,
                ),
              },
              // Users (/users), Products (/products), Audit (/audit) — allow('ADMIN').
              {
                path: '/users',
                handle: allow('ADMIN'),
                lazy: page(
                  () => import('./pages/UsersPage/UsersPage'),
                  (m) => m.UsersPage,
                ),
              },
              {
                path: '/products',
                handle: allow('ADMIN'),
                lazy: page(
                  () => import('./pages/ProductsPage/ProductsPage'),
                  (m) => m.ProductsPage,
                ),
              },
              {
                path: '/audit',
                handle: allow('ADMIN'),
                lazy: page(
                  () => import('./pages/AuditPage/AuditPage'),
                  (m) => m.AuditPage,
                ),
              },
              {
                path: '/wall/links',
                handle: allow('ADMIN'),
                lazy: page(
                  () => import('./pages/WallLinksPage/WallLinksPage'),
                  (m) => m.WallLinksPage,
                ),
              },
              // Store (/store), My desktops (/my) — allow('USER').
              {
                path: '/store',
                handle: allow('USER'),
                lazy: page(
                  () => import('./pages/StorePage/StorePage'),
                  (m) => m.StorePage,
                ),
              },
              {
                path: '/my',
                handle: allow('USER'),
                lazy: page(
                  () => import('./pages/MyDesktopsPage/MyDesktopsPage'),
                  (m) => m.MyDesktopsPage,
                ),
              },
              // Join (/join) — allow('CANDIDATE').
              {
                path: '/join',
                handle: allow('CANDIDATE'),
                lazy: page(
                  () => import('./pages/JoinPage/JoinPage'),
                  (m) => m.JoinPage,
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
