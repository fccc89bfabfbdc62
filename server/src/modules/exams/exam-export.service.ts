import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import type { HeartbeatHistoryService } from '../workers/heartbeat-history.service.js';
import { NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';
import { pgArray } from '../../db/pg-array.js';

/** Bounds of one export: an exam has at most this many desktops and log lines in the answer. */
export const EXPORT_MAX_SESSIONS = 10_000;
export const EXPORT_MAX_LOG_LINES = 200_000;
/** Heartbeat history is taken from this long before the start to this long after the end. */
const WINDOW_MARGIN_MS = 60 * 60_000;

type Row = Record<string, unknown>;

/**
 * Everything about one exam, for the record after it: the exam, its candidates, their desktops
 * with timings and failure reasons, the workers involved with their heartbeat minutes during the
 * exam, and every log line. One query per table, never one per session; each part is bounded and
 * says when it was cut.
 */
export class ExamExportService {
  constructor(
    private readonly history: HeartbeatHistoryService,
    private readonly audit: AuditService,
  ) {}

  async export(em: EntityManager, viewer: Viewer, examId: string): Promise<Record<string, unknown>> {
    const id = check.id('examId', examId);
    const [exam] = await em.execute<Row[]>(
      `select e.id, e.code, e.name, e.starts_at as "startsAt", e.ends_at as "endsAt", e.expected_candidates as "expectedCandidates", e.prewarm_target as "prewarmTarget",
              p.id as "productId", p.name as "productName"
         from exams e join products p on p.id = e.product_id where e.id = ?`,
      [id],
    );
    if (!exam) throw new NotFoundError('Exam', examId);
    const candidates = await em.execute<Row[]>(
      `select c.user_id as "userId", u.username, c.created_at as "addedAt", w.code as "stickyWorkerCode", c.sticky_until as "stickyUntil",
              (select min(s.created_at) from sessions s where s.exam_id = c.exam_id and s.owner_id = c.user_id) as "joinedAt"
         from exam_candidates c join users u on u.id = c.user_id left join workers w on w.id = c.sticky_worker_id
        where c.exam_id = ? order by u.username`,
      [id],
    );
    const sessions = await em.execute<Row[]>(
      `select s.id as "sessionId", s.state, u.username as "ownerUsername", w.code as "workerCode", s.worker_route as "workerRoute",
              s.created_at as "createdAt", s.ready_at as "readyAt", s.ended_at as "endedAt", s.failure_reason as "failureReason", s.attention
         from sessions s left join users u on u.id = s.owner_id left join workers w on w.id = s.worker_id
        where s.exam_id = ? order by s.created_at, s.id limit ?`,
      [id, EXPORT_MAX_SESSIONS + 1],
    );
    const sessionsCut = sessions.length > EXPORT_MAX_SESSIONS;
    if (sessionsCut) sessions.pop();
    const { workers, heartbeatSamples } = await this.workers(em, sessions, exam);
    const logLines = await em.execute<Row[]>(
      `select l.session_id as "sessionId", l.created_at as "at", l.line from session_log_lines l
        where l.session_id = any(?::uuid[]) order by l.session_id, l.id limit ?`,
      [pgArray(sessions.map((s) => String(s.sessionId))), EXPORT_MAX_LOG_LINES + 1],
    );
    const logCut = logLines.length > EXPORT_MAX_LOG_LINES;
    if (logCut) logLines.pop();
    this.audit.record(em, viewer, 'exam.export', 'exam', id, { sessions: sessions.length, logLines: logLines.length });
    await em.flush();
    return {
      exportedAt: new Date().toISOString(),
      exam,
      candidates,
      sessions,
      workers,
      heartbeatSamples,
      logLines,
      truncated: { sessions: sessionsCut, logLines: logCut },
    };
  }

  /** The workers the exam's desktops ran on, and their heartbeat minutes around the exam. */
  private async workers(em: EntityManager, sessions: Row[], exam: Row): Promise<{ workers: Row[]; heartbeatSamples: Row[] }> {
    const codes = [...new Set(sessions.map((s) => s.workerCode).filter((c): c is string => typeof c === 'string'))];
    if (codes.length === 0) return { workers: [], heartbeatSamples: [] };
    const workers = await em.execute<Row[]>(
      `select id, code, name, max_sessions as "maxSessions", version from workers where code = any(?::text[]) order by code`,
      [pgArray(codes)],
    );
    const since = new Date(new Date(exam.startsAt as string).getTime() - WINDOW_MARGIN_MS);
    const until = new Date(new Date(exam.endsAt as string).getTime() + WINDOW_MARGIN_MS);
    const samples = await this.history.forWorkers(
      em,
      workers.map((w) => String(w.id)),
      since,
      until,
    );
    const heartbeatSamples = samples.map((h) => ({
      workerId: h.workerId,
      bucket: h.bucket,
      heartbeats: h.heartbeats,
      cpuAvgPercent: h.cpuAvgPercent,
      cpuMaxPercent: h.cpuMaxPercent ?? null,
      memoryAvgMb: h.memoryAvgMb,
      memoryMaxMb: h.memoryMaxMb ?? null,
      liveSessions: h.liveSessions,
      maxSessions: h.maxSessions,
    }));
    return { workers, heartbeatSamples };
  }
}
