import { randomUUID, type webcrypto } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type JWTPayload, SignJWT, jwtVerify } from 'jose';
import { hmacKey } from '../../shared/hmac-key.js';

/** Audience of the tickets this server hands to browsers for `/desktop/:sessionId`. */
const TICKET_AUDIENCE = 'vdi-desktop-ticket';
/** Audience of the tokens a worker's display gateway accepts (GUAC_TOKEN_KEY). */
export const DISPLAY_AUDIENCE = 'vdi-display';
export const TICKET_SEC = 60;
const WORKER_TOKEN_SEC = 30;
/** How often a process sweeps expired rows out of used_display_tickets. */
const SWEEP_MS = 60_000;
/**
 * A common table expression that spends a verified ticket (parameters: its jti and expiry): its
 * row is inserted once across all replicas, and `spent` holds it only for the statement that did.
 * PostgreSQL runs a data-modifying WITH whether or not the rest of the statement reads it.
 */
export const SPEND_TICKET_SQL = 'spent as (insert into used_display_tickets (id, expires_at) values (?, ?) on conflict (id) do nothing returning id)';

/**
 * The two short-lived, single-use tokens of the display path: the browser's ticket for this
 * server's `/desktop/:sessionId` (signed with JWT_SECRET, bound to user and session; redeemed once
 * across all replicas through the used_display_tickets table), and the token this server presents
 * to the worker's gateway (signed with GUAC_TOKEN_KEY, bound to session and worker, 30 s, with a
 * nonce the worker's gateway remembers until expiry). Only the control plane mints gateway
 * tokens, and each is spent at the one worker it names, so that worker is where it is used up;
 * the gateway remembers nonces per process (workers hold no database), so a worker restarted
 * within those 30 s would accept a captured token once more.
 */
export class DisplayTokens {
  private readonly ticketKey: Promise<webcrypto.CryptoKey>;
  private readonly gatewayKey: Promise<webcrypto.CryptoKey>;
  private lastSweep = 0;

  constructor(jwtSecret: string, guacTokenKey: string) {
    this.ticketKey = hmacKey(`desktop-ticket:${jwtSecret}`);
    this.gatewayKey = hmacKey(guacTokenKey);
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
      .sign(await this.ticketKey);
    return { ticket, expiresAt };
  }

  /**
   * A ticket's holder and id when its signature, audience and expiry check out and it is for
   * `sessionId`; null otherwise. Whether it was used already is the database's to say: the caller
   * spends it with `SPEND_TICKET_SQL` (once on any replica) in the same statement as its read.
   */
  async verify(ticket: string, sessionId: string): Promise<{ userId: string; jti: string; expiresAt: Date } | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(ticket, await this.ticketKey, {
        audience: TICKET_AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['jti', 'exp', 'sub'],
      }));
    } catch {
      return null;
    }
    if (payload.sid !== sessionId || !/^[0-9a-f-]{36}$/.test(payload.jti!)) return null;
    return { userId: payload.sub!, jti: payload.jti!, expiresAt: new Date(payload.exp! * 1000) };
  }

  /** Drops rows of tickets that have expired (they are refused by their signature's expiry now). */
  async sweep(em: EntityManager): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = Date.now();
    await em.execute('delete from used_display_tickets where expires_at < now()');
  }

  /** A token for one connection to the worker's gateway. */
  async gatewayToken(sessionId: string, workerCode: string): Promise<string> {
    return new SignJWT({ wid: workerCode })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sessionId)
      .setAudience(DISPLAY_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${WORKER_TOKEN_SEC}s`)
      .sign(await this.gatewayKey);
  }
}
