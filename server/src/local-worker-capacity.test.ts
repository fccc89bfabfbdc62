import { describe, expect, it } from 'vitest';
import { describeOffer, localWorkerOffer } from './local-worker-capacity.js';

const seedDefaults = { reservedCpus: 1, reservedMemoryMb: 1024, vmCpus: 1.5, vmMemoryMb: 2048 };

describe('the all-in-one local worker sized to its machine', () => {
  it('offers 2 slots on a 2-CPU machine, where the seed defaults would give 0', () => {
    const offer = localWorkerOffer({ cpus: 2, memoryMb: 24_576 }, seedDefaults, []);
    expect(offer).toMatchObject({ reservedCpus: 0.5, vmCpus: 0.75, reservedMemoryMb: 1024, vmMemoryMb: 2048, slots: 2 });
    expect(offer.sized).toEqual(['WORKER_RESERVED_CPUS', 'EXAM_VM_CPUS']);
  });

  it('keeps the seed defaults where they leave at least two desktops (8 CPUs / 12 GB gives 4)', () => {
    const offer = localWorkerOffer({ cpus: 8, memoryMb: 12_288 }, seedDefaults, []);
    expect(offer).toMatchObject({ ...seedDefaults, slots: 4, sized: [] });
  });

  it('sizes memory too on a small machine (1 CPU, 2 GB still offers 2 slots)', () => {
    const offer = localWorkerOffer({ cpus: 1, memoryMb: 2048 }, seedDefaults, []);
    expect(offer.slots).toBe(2);
    expect(offer.reservedMemoryMb).toBe(512);
    expect(offer.vmMemoryMb).toBe(768);
  });

  it('uses the settings the operator set as they are, even when they leave no slot', () => {
    const offer = localWorkerOffer({ cpus: 2, memoryMb: 24_576 }, seedDefaults, ['WORKER_RESERVED_CPUS', 'EXAM_VM_CPUS']);
    expect(offer).toMatchObject({ reservedCpus: 1, vmCpus: 1.5, slots: 0, sized: [] });
  });

  it('says what it offers and names the settings that change it', () => {
    const text = describeOffer(localWorkerOffer({ cpus: 2, memoryMb: 24_576 }, seedDefaults, []));
    expect(text).toMatch(/^2 desktop slots on this machine/);
    for (const name of ['WORKER_RESERVED_CPUS', 'WORKER_RESERVED_MEMORY_MB', 'EXAM_VM_CPUS', 'EXAM_VM_MEMORY_MB']) expect(text).toContain(name);
  });
});
