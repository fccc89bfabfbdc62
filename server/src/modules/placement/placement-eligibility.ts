import { registerEnumType } from 'type-graphql';
import { DrainStatus, WorkerHealth, WorkerStatus, type Worker } from '../workers/worker.entity.js';

/** Why a worker cannot take a session, in the order they are checked. */
export enum PlacementRefusal {
  DISABLED = 'DISABLED',
  DRAINING = 'DRAINING',
  DRAINED = 'DRAINED',
  STALE_HEARTBEAT = 'STALE_HEARTBEAT',
  ENGINE_UNREACHABLE = 'ENGINE_UNREACHABLE',
  NOT_MAPPED_TO_PRODUCT = 'NOT_MAPPED_TO_PRODUCT',
  NO_KVM = 'NO_KVM',
  NO_FREE_SLOT = 'NO_FREE_SLOT',
}

registerEnumType(PlacementRefusal, {
  name: 'PlacementRefusal',
  description: 'Why a worker cannot take a session',
  valuesConfig: {
    DISABLED: { description: 'The worker is disabled' },
    DRAINING: { description: 'The worker is draining for maintenance' },
    DRAINED: { description: 'The worker is drained' },
    STALE_HEARTBEAT: { description: 'No heartbeat within WORKER_HEARTBEAT_TTL_SEC' },
    ENGINE_UNREACHABLE: { description: 'The worker last reported its container engine unreachable (or never reported it)' },
    NOT_MAPPED_TO_PRODUCT: { description: 'The product lists eligible workers and this is not one of them' },
    NO_KVM: { description: 'The product is a WINDOWS virtual machine and the worker has not reported KVM (/dev/kvm) in its heartbeat' },
    NO_FREE_SLOT: { description: "All of the worker's slots are held" },
  },
});

/** Provision actions that run as KVM virtual machines: placed only on workers whose heartbeat reports KVM. */
export const KVM_ACTIONS: readonly string[] = ['WINDOWS'];

/** The verdict for one worker. */
export interface Verdict {
  eligible: boolean;
  refusal: PlacementRefusal | null;
  reason: string | null;
}

/** What the judge needs to know about a product: the workers it lists (empty = all), and whether it needs KVM (WINDOWS). */
export interface ProductScope {
  workerIds: ReadonlySet<string>;
  needsKvm?: boolean;
}

/**
 * Judges one worker for one product. `worker.health`, `activeSessions` and `slotsAvailable` must be
 * derived already. Pure: the heart of "why not placed".
 */
export function judgeWorker(worker: Worker, scope: ProductScope | null): Verdict {
  const no = (refusal: PlacementRefusal, reason: string): Verdict => ({ eligible: false, refusal, reason });
  if (worker.status === WorkerStatus.DISABLED) return no(PlacementRefusal.DISABLED, 'worker is disabled');
  if (worker.drainStatus === DrainStatus.DRAINING) return no(PlacementRefusal.DRAINING, 'worker is draining');
  if (worker.drainStatus === DrainStatus.DRAINED) return no(PlacementRefusal.DRAINED, 'worker is drained');
  if (worker.health !== WorkerHealth.HEALTHY) {
    const seen = worker.lastHeartbeatAt ? `last heartbeat ${worker.lastHeartbeatAt.toISOString()}` : 'never sent a heartbeat';
    return no(PlacementRefusal.STALE_HEARTBEAT, `stale heartbeat (${seen})`);
  }
  if (!worker.driver?.reachable) {
    return no(PlacementRefusal.ENGINE_UNREACHABLE, `container engine unreachable${worker.driver?.error ? `: ${worker.driver.error}` : ''}`);
  }
  if (scope && scope.workerIds.size > 0 && !scope.workerIds.has(worker.id)) {
    return no(PlacementRefusal.NOT_MAPPED_TO_PRODUCT, 'not mapped to this product');
  }
  if (scope?.needsKvm && worker.kvm !== true) {
    return no(
      PlacementRefusal.NO_KVM,
      worker.kvm === false ? 'no KVM on this worker (WINDOWS needs /dev/kvm)' : 'KVM not reported by this worker (WINDOWS needs /dev/kvm)',
    );
  }
  if (worker.slotsAvailable <= 0) return no(PlacementRefusal.NO_FREE_SLOT, `no free slot (${worker.activeSessions}/${worker.maxSessions})`);
  return { eligible: true, refusal: null, reason: null };
}
