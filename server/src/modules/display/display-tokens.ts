import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** Audience of the tickets this server hands to browsers for `/desktop/:sessionId`. */
const TICKET_AUDIENCE = 'vdi-desktop-ticket';
/** Audience of the tokens a worker's display gateway accepts (GUAC_TOKEN_KEY). */
export const DISPLAY_AUDIENCE = 'vdi-display';
export const TICKET_SEC = 60;
const WORKER_TOKEN_SEC = 30;

/**
 * The two short-lived, single-use tokens of the display path: the browser's ticket for this
 * server's `/desktop/:sessionId` (signed with JWT_SECRET, bound to user and session), and the
 * token this server presents to the worker's gateway (signed with GUAC_TOKEN_KEY, bound to
 * session and worker).
 */
export class DisplayTokens {
  private readonly ticketKey: KeyObject;
  private readonly gatewayKey: KeyObject;
  private readonly redeemed = new Map<string, number>();

  constructor(jwtSecret: string, guacTokenKey: string) {
    this.ticketKey = createSecretKey(Buffer.from(`desktop-ticket:${jwtSecret}`, 'utf8'));
    this.gatewayKey = createSecretKey(Buffer.from(guacTokenKey, 'utf8'));
  }

  async ticket(userId: string, sessionId: string): Promise<{ ticket: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + TICKET_SEC * 1000);
    const ticket = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience(TICKET_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.ticketKey);
    return { ticket, expiresAt };
  }

  /** The user a ticket was issued to, once; null when it is invalid, expired, used or for another session. */
  async redeem(ticket: string, sessionId: string): Promise<{ userId: string } | null> {
    try {
      const { payload } = await jwtVerify(ticket, this.ticketKey, { audience: TICKET_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['jti', 'exp', 'sub'] });
      if (payload.sid !== sessionId) return null;
      const now = Date.now();
      for (const [id, until] of this.redeemed) if (until < now) this.redeemed.delete(id);
      if (this.redeemed.has(payload.jti!)) return null;
      this.redeemed.set(payload.jti!, payload.exp! * 1000);
      return { userId: payload.sub! };
    } catch {
      return null;
    }
  }

  /** A token for one connection to the worker's gateway. */
  gatewayToken(sessionId: string, workerCode: string): Promise<string> {
    return new SignJWT({ wid: workerCode })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sessionId)
      .setAudience(DISPLAY_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${WORKER_TOKEN_SEC}s`)
      .sign(this.gatewayKey);
  }
}
