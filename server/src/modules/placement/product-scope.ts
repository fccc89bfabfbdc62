import type { EntityManager } from '@mikro-orm/postgresql';
import { KVM_ACTIONS, type ProductScope } from './placement-eligibility.js';
import { NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';

/** The workers a product lists (empty = all) and whether it needs KVM (WINDOWS); NOT_FOUND for an unknown product. */
export async function productScope(em: EntityManager, productId: string): Promise<ProductScope> {
  const id = check.id('productId', productId);
  const rows: { id: string; worker_id: string | null; provision_action: string }[] = await em.execute(
    `select p.id, p.provision_action, pw.worker_id from products p left join product_workers pw on pw.product_id = p.id where p.id = ?`,
    [id],
  );
  if (rows.length === 0) throw new NotFoundError('Product', productId);
  return { workerIds: new Set(rows.flatMap((r) => (r.worker_id ? [r.worker_id] : []))), needsKvm: KVM_ACTIONS.includes(rows[0]!.provision_action) };
}
