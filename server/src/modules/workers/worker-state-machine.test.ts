import { describe, expect, it } from 'vitest';
import { DrainStatus, WorkerStatus } from './worker.entity.js';
import { applyWorkerMove, drainMove, type WorkerState, workerMoveRule, workerStateKey } from './worker-state-machine.js';
import { WorkersError } from './workers.errors.js';

/** The expected table, written out independently of the implementation: `from>to` → how it may be made. */
const EXPECTED: Record<string, 'allowed' | 'force'> = {
  // drain (DRAINING while live sessions are left, DRAINED at once without), and its completion
  'ACTIVE/NONE>ACTIVE/DRAINING': 'allowed',
  'ACTIVE/NONE>ACTIVE/DRAINED': 'allowed',
  'ACTIVE/DRAINING>ACTIVE/DRAINED': 'allowed',
  'DISABLED/NONE>DISABLED/DRAINING': 'allowed',
  'DISABLED/NONE>DISABLED/DRAINED': 'allowed',
  'DISABLED/DRAINING>DISABLED/DRAINED': 'allowed',
  // disable: free once drained, forced before
  'ACTIVE/DRAINED>DISABLED/DRAINED': 'allowed',
  'ACTIVE/NONE>DISABLED/NONE': 'force',
  'ACTIVE/DRAINING>DISABLED/DRAINING': 'force',
  // enable: back into service, not draining, from anywhere
  'ACTIVE/DRAINING>ACTIVE/NONE': 'allowed',
  'ACTIVE/DRAINED>ACTIVE/NONE': 'allowed',
  'DISABLED/NONE>ACTIVE/NONE': 'allowed',
  'DISABLED/DRAINING>ACTIVE/NONE': 'allowed',
  'DISABLED/DRAINED>ACTIVE/NONE': 'allowed',
};

const states: WorkerState[] = Object.values(WorkerStatus).flatMap((status) => Object.values(DrainStatus).map((drainStatus) => ({ status, drainStatus })));
const pairs = states.flatMap((from) => states.map((to) => [workerStateKey(from), workerStateKey(to), from, to] as const));

/** What the apply function throws for a move, or null when it moves. */
function refusal(from: WorkerState, to: WorkerState, force: boolean): WorkersError | null {
  const worker = { ...from, code: 'w-1', activeSessions: 2 };
  try {
    const changed = applyWorkerMove(worker, to, force);
    expect(changed).toBe(workerStateKey(from) !== workerStateKey(to));
    expect(workerStateKey(worker)).toBe(workerStateKey(to));
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkersError);
    expect(workerStateKey(worker)).toBe(workerStateKey(from)); // nothing changes on a refusal
    return e as WorkersError;
  }
}

describe('worker status × drain state machine', () => {
  it('covers all 36 pairs of the six states', () => expect(pairs).toHaveLength(36));

  it.each(pairs)('%s → %s is allowed, needs force or is refused exactly as the table says', (f, t, from, to) => {
    const expected = f === t ? 'allowed' : (EXPECTED[`${f}>${t}`] ?? null);
    expect(workerMoveRule(from, to)).toBe(expected);
    const plain = refusal(from, to, false);
    const forced = refusal(from, to, true);
    if (expected === 'allowed') {
      expect(plain).toBeNull();
      expect(forced).toBeNull();
    } else if (expected === 'force') {
      expect(plain?.code).toBe('CONFLICT');
      expect(plain?.message).toMatch(/pass force: true/);
      expect(plain?.extensions).toEqual({ drainStatus: from.drainStatus, activeSessions: 2 });
      expect(forced).toBeNull();
    } else {
      for (const r of [plain, forced]) {
        expect(r?.code).toBe('CONFLICT');
        expect(r?.extensions).toEqual({ from: f, to: t });
      }
    }
  });

  it('checks the drain completion set-based SQL makes against the table for every status', () => {
    expect(drainMove(DrainStatus.DRAINING, DrainStatus.DRAINED)).toEqual({ from: 'DRAINING', to: 'DRAINED' });
    expect(() => drainMove(DrainStatus.DRAINED, DrainStatus.DRAINING)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => drainMove(DrainStatus.DRAINED, DrainStatus.NONE)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
