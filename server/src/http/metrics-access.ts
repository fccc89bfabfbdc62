import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Who may read /metrics: with VDI_METRICS_TOKEN set, a caller presenting it as
 * `Authorization: Bearer <token>` (401 otherwise); without it, only a direct caller on this
 * machine — a loopback socket with no forwarding header, so a reverse proxy on the same host does
 * not open it to the world — and 404 for everyone else, as if there were nothing there.
 */
export function metricsAccess(token: string | undefined): (req: IncomingMessage) => 200 | 401 | 404 {
  const expected = token ? digest(token) : null;
  return (req) => {
    if (expected) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      return given && timingSafeEqual(digest(given), expected) ? 200 : 401;
    }
    const direct = LOOPBACK.has(req.socket.remoteAddress ?? '') && FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
    return direct ? 200 : 404;
  };
}
