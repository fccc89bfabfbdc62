import type { EntityManager } from '@mikro-orm/postgresql';
import { WallLink } from './wall-link.entity.js';
import type { WallLinkCreated } from './wall.types.js';
import { newWallSecret } from '../auth/wall-secret.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';

/** Wall links: an admin creates one per TV, lists them, and revokes one to cut the TV off. */
export class WallLinksService {
  constructor(
    private readonly audit: AuditService,
    private readonly pubsub: AppPubSub,
  ) {}

  /** A new link; its secret is returned here once and only its hash is stored. */
  async create(em: EntityManager, viewer: Viewer, name: string): Promise<WallLinkCreated> {
    const { secret, hash } = newWallSecret();
    const link = em.create(WallLink, {
      name: check.text('name', name, 128),
      secretHash: hash,
      createdById: viewer?.kind === 'user' ? viewer.id : null,
      createdAt: new Date(),
    });
    this.audit.record(em, viewer, 'wallLink.create', 'wallLink', link.id, { name: link.name });
    await em.flush();
    return { link, secret, path: `/wall?key=${encodeURIComponent(secret)}` };
  }

  /** Every link, newest first, revoked ones included. */
  list(em: EntityManager): Promise<WallLink[]> {
    return em.find(WallLink, {}, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /**
   * Revokes a link: refused at once on every replica, and its open subscriptions are closed.
   * Revoking a revoked link changes nothing.
   */
  async revoke(em: EntityManager, viewer: Viewer, id: string): Promise<WallLink> {
    const link = await em.findOne(WallLink, { id: check.id('id', id) });
    if (!link) throw new NotFoundError('WallLink', id);
    if (link.revokedAt) return link;
    link.revokedAt = new Date();
    this.audit.record(em, viewer, 'wallLink.revoke', 'wallLink', link.id, { name: link.name });
    await em.flush();
    this.pubsub.publish(Topic.IDENTITY_REVOKED, { kind: 'wall', id: link.id, closeConnections: true });
    return link;
  }
}
