import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from './session.entity.js';
import { SessionLogLine } from './session-log-line.entity.js';
import { SessionError, SessionErrorCode } from './sessions.errors.js';
import { hasRole, type Viewer, type WorkerViewer } from '../../shared/viewer.js';
import { Role } from '../../shared/role.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { BadInputError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { pgArray } from '../../db/pg-array.js';

/** Lines kept per session; older ones are dropped as new ones arrive. */
export const MAX_LOG_LINES = 5000;
const MAX_LINE_CHARS = 4000;
const MAX_LINES_PER_CALL = 500;

/** Session logs: written by the session's worker, read (with credentials) by the owner and admins. */
export class SessionLogsService {
  constructor(private readonly pubsub: AppPubSub) {}

  /** Appends lines from the worker that runs the session, keeping the last {@link MAX_LOG_LINES}. */
  async append(em: EntityManager, viewer: WorkerViewer, sessionId: string, lines: string[]): Promise<void> {
    const id = check.id('sessionId', sessionId);
    if (lines.length > MAX_LINES_PER_CALL) throw new BadInputError('lines', `at most ${MAX_LINES_PER_CALL} lines per call`);
    const session = await em.findOne(Session, { id }, { fields: ['id', 'worker', 'owner'] });
    if (!session || session.worker?.id !== viewer.workerId)
      throw new SessionError(SessionErrorCode.NOT_FOUND, `Session ${sessionId} not found on this worker`, { id: sessionId });
    const clean = lines.map((l) => l.replace(/\r$/, '').replaceAll('\u0000', '').slice(0, MAX_LINE_CHARS));
    if (clean.length === 0) return;
    await em.execute(`insert into session_log_lines (session_id, line) select ?, unnest(?::text[])`, [id, pgArray(clean)]);
    await em.execute(
      `delete from session_log_lines where session_id = ? and id < (select min(id) from (select id from session_log_lines where session_id = ? order by id desc limit ?) keep)`,
      [id, id, MAX_LOG_LINES],
    );
    this.pubsub.publish(Topic.SESSION_LOG, { sessionId: id, ownerId: session.owner?.id ?? null, lines: clean });
  }

  /** The whole kept log as text; owner or admin, NOT_FOUND for everyone else. */
  async read(em: EntityManager, viewer: Viewer, sessionId: string): Promise<string> {
    await this.assertReader(em, viewer, sessionId);
    const rows = await em.find(SessionLogLine, { sessionId }, { orderBy: { id: 'asc' }, fields: ['line'] });
    return rows.map((r) => r.line).join('\n');
  }

  /** Owner or admin (the log holds credentials); NOT_FOUND otherwise. */
  async assertReader(em: EntityManager, viewer: Viewer, sessionId: string): Promise<void> {
    const session = await em.findOne(Session, { id: check.id('id', sessionId) }, { fields: ['id', 'owner'] });
    const isOwner = viewer?.kind === 'user' && session?.owner?.id === viewer.id;
    if (!session || !(isOwner || hasRole(viewer, Role.ADMIN)))
      throw new SessionError(SessionErrorCode.NOT_FOUND, `Session ${sessionId} not found`, { id: sessionId });
  }
}
