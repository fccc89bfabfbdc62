import type { Viewer } from '../shared/viewer.js';

/**
 * How the HTTP edge (GraphQL over HTTP, graphql-ws) learns who is calling. The auth module
 * implements it; the edge knows only this shape, so the core imports no module.
 */
export interface Authenticator {
  /**
   * The viewer for an `Authorization` value (with or without "Bearer "): null without one, a
   * rejected promise (UNAUTHENTICATED) for a value that does not verify.
   */
  authenticate(authorization: string | undefined | null): Viewer | Promise<Viewer>;
  /** Calls `onRevoked` when the viewer's identity is revoked; returns the function that stops watching. */
  watch(viewer: Viewer, onRevoked: () => void): () => void;
}
