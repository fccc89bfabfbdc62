import type { EntityManager } from '@mikro-orm/postgresql';
import { DisplayError, DisplayErrorCode } from './display.errors.js';
import type { DesktopAccess } from './display.types.js';
import { type DisplayTokens, SPEND_TICKET_SQL } from './display-tokens.js';
import type { Session } from '../sessions/session.entity.js';
import { SessionState } from '../sessions/session-state.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { Role } from '../../shared/role.js';
import { hasRole, type Viewer } from '../../shared/viewer.js';
import { check } from '../../shared/validate.js';

/** Connection protocols whose desktops the browser viewer opens: VNC ones, and RDP desktops (which carry a VNC display beside RDP). */
const BROWSER_VIEWABLE: ReadonlySet<string> = new Set(['vnc', 'rdp']);

/** Why a `/desktop/:sessionId` request without a ticket that can be spent is refused. */
const UNUSABLE_TICKET = 'a valid, unused desktop ticket for this session is required (ask desktopAccess for one)';

/** Where the control plane reaches a desktop's display: its worker's gateway. */
export interface DisplayTarget {
  gatewayUrl: string;
  token: string;
}

/** Opening desktops in the browser: tickets for the owner, and the way to the worker's gateway. */
export class DisplayService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: DisplayTokens,
  ) {}

  /** A one-time ticket for the owner (or an ADMIN) of a READY VNC desktop. */
  async access(em: EntityManager, viewer: Viewer, sessionId: string): Promise<DesktopAccess> {
    return this.issue(viewer, await this.openable(em, viewer, sessionId));
  }

  /** A fresh one-time ticket for a session the viewer may open. */
  private async issue(viewer: Viewer, session: Session): Promise<DesktopAccess> {
    const { ticket, expiresAt } = await this.tokens.ticket((viewer as { id: string }).id, session.id);
    return {
      sessionId: session.id,
      url: `/desktop/${session.id}?ticket=${encodeURIComponent(ticket)}`,
      expiresAt,
      password: this.sessions.connectionFor(viewer, session)?.password ?? null,
    };
  }

  /**
   * The owner's access to their session already at hand (`Session.desktop`), with no database
   * read, while it is READY with a display; null otherwise, and for anyone else (an ADMIN asks
   * desktopAccess: a list of sessions must not mint a ticket for each). A candidate's join or a
   * READY push carries it, so the viewer opens without asking desktopAccess first.
   */
  async accessTo(viewer: Viewer, session: Session): Promise<DesktopAccess | null> {
    if (viewer?.kind !== 'user' || session.owner?.id !== viewer.id) return null;
    if (session.state !== SessionState.READY || !BROWSER_VIEWABLE.has(session.connectionProtocol ?? '')) return null;
    return this.issue(viewer, session);
  }

  /**
   * Checks a browser's ticket for `/desktop/:sessionId` and returns where to connect, with a fresh
   * single-use gateway token; throws a DisplayError saying why not.
   */
  async target(em: EntityManager, sessionId: string, ticket: string | null): Promise<DisplayTarget> {
    const id = check.id('sessionId', sessionId);
    const holder = ticket ? await this.tokens.verify(ticket, id) : null;
    if (!holder) throw new DisplayError(DisplayErrorCode.NOT_FOUND, UNUSABLE_TICKET);
    await this.tokens.sweep(em);
    // One round trip: the ticket is spent and the session read in the same statement.
    const [row] = await em.execute<
      { fresh: boolean; state: string | null; owner_id: string | null; protocol: string | null; code: string; api_base_url: string | null; role: string }[]
    >(
      `with ${SPEND_TICKET_SQL}
       select exists (select 1 from spent) as fresh, t.* from (values (1)) as one left join (
         select s.state, s.owner_id, s.connection_protocol as protocol, w.code, w.api_base_url, u.role
           from sessions s join workers w on w.id = s.worker_id, users u where s.id = ? and u.id = ? and not u.disabled
       ) t on true`,
      [holder.jti, holder.expiresAt, id, holder.userId],
    );
    if (!row?.fresh) throw new DisplayError(DisplayErrorCode.NOT_FOUND, UNUSABLE_TICKET);
    if (!row.state || (row.owner_id !== holder.userId && row.role !== Role.ADMIN))
      throw new DisplayError(DisplayErrorCode.NOT_FOUND, `Session ${id} not found`);
    if (row.state !== SessionState.READY || !BROWSER_VIEWABLE.has(row.protocol ?? '') || !row.api_base_url)
      throw new DisplayError(DisplayErrorCode.CONFLICT, 'this desktop is not ready to be opened');
    const base = new URL(row.api_base_url);
    const gatewayUrl = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/desktop/${id}`;
    return { gatewayUrl, token: await this.tokens.gatewayToken(id, row.code) };
  }

  private async openable(em: EntityManager, viewer: Viewer, sessionId: string): Promise<Session> {
    const session = await this.sessions.getRow(em, viewer, sessionId);
    const isOwner = viewer?.kind === 'user' && session.owner?.id === viewer.id;
    if (!isOwner && !hasRole(viewer, Role.ADMIN)) throw new DisplayError(DisplayErrorCode.NOT_FOUND, `Session ${sessionId} not found`, { id: sessionId });
    if (session.state !== SessionState.READY)
      throw new DisplayError(DisplayErrorCode.CONFLICT, `The desktop is ${session.state}, not READY`, { state: session.state });
    if (!BROWSER_VIEWABLE.has(session.connectionProtocol ?? ''))
      throw new DisplayError(DisplayErrorCode.CONFLICT, 'Only desktops with a display (VNC, or RDP desktops) open in the browser');
    return session;
  }
}
