import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from './audit-log.entity.js';
import { viewerLabel, type Viewer } from '../../shared/viewer.js';

/** Writes audit rows inside the caller's unit of work, so an action and its audit commit together. */
export class AuditService {
  /** Queues an audit row on `em`; it is written when the caller flushes or commits. */
  record(em: EntityManager, viewer: Viewer, action: string, targetType: string, targetId: string | null, data?: Record<string, unknown>): void {
    const row = em.create(AuditLog, {
      actorId: viewer?.kind === 'user' ? viewer.id : null,
      actorLabel: viewerLabel(viewer),
      action,
      targetType,
      targetId,
      data: data ?? null,
      createdAt: new Date(),
    });
    em.persist(row);
  }
}
