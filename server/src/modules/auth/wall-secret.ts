import { randomBytes } from 'node:crypto';
import { TokenService } from './token.service.js';

/** Prefix that tells a wall link's secret from a person's JWT and a worker credential. */
export const WALL_SECRET_PREFIX = 'vdiwall_';

/** A new random wall secret (256 bits) and the hash that is stored instead of it. */
export function newWallSecret(): { secret: string; hash: string } {
  const secret = WALL_SECRET_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: TokenService.hashCredential(secret) };
}
