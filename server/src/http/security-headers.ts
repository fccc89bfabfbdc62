import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** A Host header fit to be written into a policy (anything else could add directives). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The page's own origin as WebSocket origins: older browsers do not count ws: under 'self'. */
function webSocketOrigins(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return SAFE_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * The headers every HTTP answer carries (the web app, GraphiQL, /graphql, health, metrics):
 * a Content-Security-Policy the admin SPA, GraphiQL and the noVNC viewer run under — scripts and
 * connections to this origin only (plus its WebSocket origin), inline styles allowed (Mantine
 * writes them), images and workers also from data:/blob: (noVNC's cursor and any worker it
 * starts), no framing by anyone — and nosniff, no referrer, same-origin opener and resources.
 * HSTS and upgrade-insecure-requests are left to the TLS proxy in front: exam centres often run
 * on plain HTTP inside their own network, where both would break the portal.
 */
export function securityHeaders(): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", webSocketOrigins],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
