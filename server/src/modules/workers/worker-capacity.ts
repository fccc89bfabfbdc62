import type { WorkerCapacity } from './worker.entity.js';

/**
 * The capacity formula: min(floor((cpus − reservedCpus) / vmCpus), floor((memoryMb − reservedMemoryMb) / vmMemoryMb)),
 * never below zero, lowered (never raised) by an admin override. 8 vCPU / 12288 MB with the defaults gives 4.
 */
export function computeMaxSessions(c: WorkerCapacity, override?: number | null): number {
  // The epsilon keeps 7 / 1.75 = 3.9999999 from flooring to 3.
  const byCpu = Math.floor((c.cpus - c.reservedCpus) / c.vmCpus + 1e-9);
  const byMemory = Math.floor((c.memoryMb - c.reservedMemoryMb) / c.vmMemoryMb + 1e-9);
  const formula = Math.max(0, Math.min(byCpu, byMemory));
  return override == null ? formula : Math.min(formula, override);
}
