import { computeMaxSessions } from './modules/workers/worker-capacity.js';

/** The capacity settings a worker reports (names operators know: WORKER_RESERVED_*, EXAM_VM_*). */
export interface CapacitySettings {
  reservedCpus: number;
  reservedMemoryMb: number;
  vmCpus: number;
  vmMemoryMb: number;
}

/** What the all-in-one local worker offers on this machine, and the settings that give it. */
export interface LocalWorkerOffer extends CapacitySettings {
  cpus: number;
  memoryMb: number;
  slots: number;
  /** The settings sized to this machine rather than taken as set. */
  sized: string[];
}

/** Desktops a machine running everything (control plane, PostgreSQL, worker) should still offer. */
const MIN_SLOTS = 2;

/**
 * Sizes the local worker to the machine it shares with the control plane and PostgreSQL. The
 * worker defaults (1 CPU and 1 GB kept, 1.5 CPU and 2 GB a desktop) are kept where they leave at
 * least two desktops; on a smaller machine the host keeps a quarter (at most the defaults) and
 * each desktop gets an equal part of the rest, so a 2-CPU laptop offers 2 slots instead of 0.
 * Settings the operator set (`set`) are used as they are.
 */
export function localWorkerOffer(host: { cpus: number; memoryMb: number }, defaults: CapacitySettings, set: readonly string[]): LocalWorkerOffer {
  const sized: string[] = [];
  const pick = (name: string, value: number, fit: number) => {
    if (set.includes(name) || value <= fit) return value;
    sized.push(name);
    return fit;
  };
  const reservedCpus = pick('WORKER_RESERVED_CPUS', defaults.reservedCpus, host.cpus / 4);
  const reservedMemoryMb = pick('WORKER_RESERVED_MEMORY_MB', defaults.reservedMemoryMb, Math.floor(host.memoryMb / 4));
  const vmCpus = pick('EXAM_VM_CPUS', defaults.vmCpus, Math.max(0.1, Math.floor(((host.cpus - reservedCpus) / MIN_SLOTS) * 100) / 100));
  const vmMemoryMb = pick('EXAM_VM_MEMORY_MB', defaults.vmMemoryMb, Math.max(256, Math.floor((host.memoryMb - reservedMemoryMb) / MIN_SLOTS)));
  const settings = { reservedCpus, reservedMemoryMb, vmCpus, vmMemoryMb };
  return { ...settings, ...host, slots: computeMaxSessions({ ...host, ...settings }), sized };
}

/** One line for the start-up banner: what the local worker offers and which settings change it. */
export function describeOffer(o: LocalWorkerOffer): string {
  const gb = (mb: number) => `${Math.round((mb / 1024) * 10) / 10} GB`;
  return (
    `${o.slots} desktop slot${o.slots === 1 ? '' : 's'} on this machine (${o.cpus} CPUs, ${gb(o.memoryMb)}; ${o.reservedCpus} CPU and ${gb(o.reservedMemoryMb)} kept for the control plane and PostgreSQL; ` +
    `${o.vmCpus} CPU and ${gb(o.vmMemoryMb)} a desktop). Change it with WORKER_RESERVED_CPUS, WORKER_RESERVED_MEMORY_MB, EXAM_VM_CPUS, EXAM_VM_MEMORY_MB.`
  );
}
