import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, cursors, toConnection, type ConnectionShape } from '../../shared/pagination.js';
import { AuditLog } from './audit-log.entity.js';
import { check } from '../../shared/validate.js';
import { BadInputError } from '../../shared/domain-error.js';

/** A page of audit entries. */
export const AuditLogConnection = Connection('AuditLog', AuditLog);
export type AuditLogConnection = InstanceType<typeof AuditLogConnection>;

/** Filters of the audit log; every one optional. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  since?: Date;
  until?: Date;
}

/** Reads the audit log, newest first, a page at a time. */
export class AuditLogService {
  async list(em: EntityManager, filter: AuditFilter, first: number | undefined, after: string | undefined): Promise<ConnectionShape<AuditLog>> {
    const size = cursors.size(first);
    const cursor = cursors.decode(after);
    const where: FilterQuery<AuditLog> & Record<string, unknown> = {};
    if (filter.actorId) where.actorId = check.id('actorId', filter.actorId);
    if (filter.action) where.action = check.text('action', filter.action, 64);
    if (filter.since && filter.until && filter.since > filter.until) throw new BadInputError('since', 'must not be after until');
    if (filter.since || filter.until) where.createdAt = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lte: filter.until } : {}) };
    const page = cursor
      ? { $and: [where, { $or: [{ createdAt: { $lt: new Date(cursor.key) } }, { createdAt: new Date(cursor.key), id: { $lt: cursor.id } }] }] }
      : where;
    const [rows, total] = await Promise.all([
      em.find(AuditLog, page as FilterQuery<AuditLog>, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
      em.count(AuditLog, where),
    ]);
    return toConnection(rows, size, total, (r) => r.createdAt.toISOString());
  }
}
