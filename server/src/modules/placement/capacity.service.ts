import type { EntityManager } from '@mikro-orm/postgresql';
import { DrainStatus, WorkerHealth, WorkerStatus } from '../workers/worker.entity.js';
import type { WorkersService } from '../workers/workers.service.js';
import type { Product } from '../products/product.entity.js';
import type { ProductAvailability } from '../products/product-availability.js';
import { judgeWorker, KVM_ACTIONS } from './placement-eligibility.js';
import type { ClusterSummary, PlacementVerdict } from './placement.types.js';
import { productScope } from './product-scope.js';
import { BadInputError, NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';

/**
 * What the fleet can take, as placement judges it: per-worker verdicts ("why not placed"), the
 * cluster summary, and each product's free slots (`Product.available`).
 */
export class CapacityService implements ProductAvailability {
  constructor(private readonly workers: WorkersService) {}

  /** Per-worker verdicts for a product (or for any product when `productId` is omitted). */
  async explain(em: EntityManager, productId?: string): Promise<PlacementVerdict[]> {
    const scope = productId ? await productScope(em, productId) : null;
    return (await this.workers.list(em)).map((worker) => ({ worker, ...judgeWorker(worker, scope) }));
  }

  /** Capacity totals and worker counts, for a product's eligible workers when given. */
  async summary(em: EntityManager, productId?: string): Promise<ClusterSummary> {
    const verdicts = await this.explain(em, productId);
    const s: ClusterSummary = {
      totalAvailableSessions: 0,
      totalMaxSessions: 0,
      totalActiveSessions: 0,
      healthyWorkers: 0,
      staleWorkers: 0,
      drainingWorkers: 0,
      drainedWorkers: 0,
      disabledWorkers: 0,
    };
    const mapped = productId ? await productScope(em, productId) : null;
    for (const { worker: w, eligible } of verdicts) {
      if (w.status === WorkerStatus.DISABLED) {
        s.disabledWorkers++;
        continue;
      }
      if (w.drainStatus === DrainStatus.DRAINING) s.drainingWorkers++;
      if (w.drainStatus === DrainStatus.DRAINED) s.drainedWorkers++;
      if (w.health === WorkerHealth.HEALTHY) s.healthyWorkers++;
      else s.staleWorkers++;
      if (mapped && mapped.workerIds.size > 0 && !mapped.workerIds.has(w.id)) continue;
      if (mapped?.needsKvm && w.kvm !== true) continue; // can never run this product: not its capacity
      s.totalMaxSessions += w.maxSessions;
      s.totalActiveSessions += w.activeSessions;
      if (eligible) s.totalAvailableSessions += w.slotsAvailable;
    }
    return s;
  }

  /** The product a summary or explanation is about: the given one, or the exam's (which must agree). */
  async productFor(em: EntityManager, productId?: string | null, examId?: string | null): Promise<string | undefined> {
    if (!examId) return productId ?? undefined;
    const [exam] = await em.execute<{ product_id: string }[]>(`select product_id from exams where id = ?`, [check.id('examId', examId)]);
    if (!exam) throw new NotFoundError('Exam', examId);
    if (productId && check.id('productId', productId) !== exam.product_id) throw new BadInputError('productId', 'is not the product of this exam');
    return exam.product_id;
  }

  /** Fills `available`: free slots over the workers that can take each product now. */
  async fill(em: EntityManager, products: Product[]): Promise<Product[]> {
    const fleet = await this.workers.list(em);
    for (const p of products) {
      const scope = {
        workerIds: new Set(p.workers.isInitialized() ? p.workers.getIdentifiers<string>() : []),
        needsKvm: KVM_ACTIONS.includes(p.provisionAction),
      };
      p.available = fleet.filter((w) => judgeWorker(w, scope).eligible).reduce((n, w) => n + w.slotsAvailable, 0);
    }
    return products;
  }
}
