import { describe, expect, it } from 'vitest';
import { DrainStatus, Worker, WorkerHealth, WorkerStatus } from '../workers/worker.entity.js';
import { judgeWorker, PlacementRefusal } from './placement-eligibility.js';

function worker(patch: Partial<Worker> = {}): Worker {
  return Object.assign(new Worker(), {
    id: 'w1',
    code: 'w1',
    status: WorkerStatus.ACTIVE,
    drainStatus: DrainStatus.NONE,
    health: WorkerHealth.HEALTHY,
    driver: { reachable: true },
    maxSessions: 4,
    activeSessions: 1,
    slotsAvailable: 3,
    ...patch,
  });
}

describe('placement eligibility', () => {
  it('accepts an active, healthy, reachable worker with a free slot', () => {
    expect(judgeWorker(worker(), null)).toEqual({ eligible: true, refusal: null, reason: null });
  });
  it.each([
    [{ status: WorkerStatus.DISABLED }, PlacementRefusal.DISABLED],
    [{ drainStatus: DrainStatus.DRAINING }, PlacementRefusal.DRAINING],
    [{ drainStatus: DrainStatus.DRAINED }, PlacementRefusal.DRAINED],
    [{ health: WorkerHealth.STALE }, PlacementRefusal.STALE_HEARTBEAT],
    [{ driver: { reachable: false, error: 'connect ENOENT /var/run/docker.sock' } }, PlacementRefusal.ENGINE_UNREACHABLE],
    [{ driver: null }, PlacementRefusal.ENGINE_UNREACHABLE],
    [{ activeSessions: 4, slotsAvailable: 0 }, PlacementRefusal.NO_FREE_SLOT],
  ] as [Partial<Worker>, PlacementRefusal][])('refuses %o with %s and a reason', (patch, refusal) => {
    const v = judgeWorker(worker(patch), null);
    expect(v.eligible).toBe(false);
    expect(v.refusal).toBe(refusal);
    expect(v.reason).toBeTruthy();
  });
  it('refuses a worker the product does not list, and accepts any when the list is empty', () => {
    expect(judgeWorker(worker(), { workerIds: new Set(['other']) }).refusal).toBe(PlacementRefusal.NOT_MAPPED_TO_PRODUCT);
    expect(judgeWorker(worker(), { workerIds: new Set(['w1']) }).eligible).toBe(true);
    expect(judgeWorker(worker(), { workerIds: new Set() }).eligible).toBe(true);
  });
  it('refuses a WINDOWS product (needsKvm) with NO_KVM on a worker without KVM or that never said, and accepts one that reports KVM', () => {
    const windows = { workerIds: new Set<string>(), needsKvm: true };
    expect(judgeWorker(worker({ kvm: false }), windows)).toMatchObject({
      eligible: false,
      refusal: PlacementRefusal.NO_KVM,
      reason: expect.stringMatching(/KVM/),
    });
    expect(judgeWorker(worker({ kvm: null }), windows)).toMatchObject({
      eligible: false,
      refusal: PlacementRefusal.NO_KVM,
      reason: expect.stringMatching(/not reported/),
    });
    expect(judgeWorker(worker({ kvm: true }), windows).eligible).toBe(true);
    expect(judgeWorker(worker({ kvm: false }), { workerIds: new Set() }).eligible).toBe(true);
  });
  it('names the earlier reason first: a stale worker without KVM is STALE_HEARTBEAT; a full KVM-less one is NO_KVM', () => {
    const windows = { workerIds: new Set<string>(), needsKvm: true };
    expect(judgeWorker(worker({ kvm: false, health: WorkerHealth.STALE }), windows).refusal).toBe(PlacementRefusal.STALE_HEARTBEAT);
    expect(judgeWorker(worker({ kvm: false, activeSessions: 4, slotsAvailable: 0 }), windows).refusal).toBe(PlacementRefusal.NO_KVM);
  });
  it('names the engine error in the reason', () => {
    expect(judgeWorker(worker({ driver: { reachable: false, error: 'daemon down' } }), null).reason).toContain('daemon down');
  });
});
