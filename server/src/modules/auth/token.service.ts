import { createHash, randomBytes, type webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../../shared/role.js';
import { hmacKey } from '../../shared/hmac-key.js';

/** Claims carried in a person's access token. */
export interface AccessClaims {
  sub: string;
  username: string;
  role: Role;
}

/** Prefix that tells a worker credential from a person's JWT. */
export const WORKER_CREDENTIAL_PREFIX = 'vdiw_';

/** Issues and verifies access tokens (HS256 JWT, `JWT_SECRET`) and worker credentials. */
export class TokenService {
  /** Imported once (hmacKey). */
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified = new Map<string, { claims: AccessClaims; until: number }>();

  constructor(
    secret: string,
    private readonly ttlSec: number,
  ) {
    this.key = hmacKey(secret);
  }

  /** A signed token for a person, valid for `JWT_TTL_SEC`. */
  async issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSec * 1000);
    const token = await new SignJWT({ username: claims.username, role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setIssuer('vdi-portal')
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.key);
    return { token, expiresAt };
  }

  /**
   * The claims of a valid token, or null for a bad signature, a wrong issuer or an expired token.
   * A token that verified is remembered until it expires (at most a minute), so a client's
   * every request does not pay for the signature again.
   */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    const hit = this.verifiedClaims(token);
    if (hit) return hit;
    try {
      // A token without an expiry would never stop working: refused, whoever signed it.
      const { payload } = await jwtVerify(token, await this.key, { issuer: 'vdi-portal', algorithms: ['HS256'], requiredClaims: ['exp'] });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.username !== 'string') return null;
      if (!Object.values(Role).includes(payload.role as Role)) return null;
      const claims = { sub: payload.sub, username: payload.username, role: payload.role as Role };
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, { claims, until: Math.min(payload.exp! * 1000, Date.now() + 60_000) });
      return claims;
    } catch {
      return null;
    }
  }

  /** The claims of a token that verified within the last minute (and has not expired since), without checking it again. */
  verifiedClaims(token: string): AccessClaims | undefined {
    const hit = this.verified.get(token);
    return hit && hit.until > Date.now() ? hit.claims : undefined;
  }

  /** A new random worker credential; only its hash is stored. */
  static newWorkerCredential(): { credential: string; hash: string } {
    const credential = WORKER_CREDENTIAL_PREFIX + randomBytes(32).toString('base64url');
    return { credential, hash: TokenService.hashCredential(credential) };
  }

  /** SHA-256 is right for a 256-bit random secret: there is nothing to brute-force. */
  static hashCredential(credential: string): string {
    return createHash('sha256').update(credential).digest('hex');
  }
}
