import { describe, expect, it } from 'vitest';
import { WorkerCommandState as C } from './worker-command.entity.js';
import { applyCommandMove, assertCommandMove, canMoveCommand, commandMove } from './worker-command-state-machine.js';
import { WorkersError } from './workers.errors.js';

/** The expected table, written out independently of the implementation. */
const ALLOWED = new Set([
  'QUEUED>DELIVERED', // sent
  'QUEUED>SUCCEEDED', // acknowledged before its delivery was recorded
  'QUEUED>FAILED', // acknowledged as failed so, or dispatch cleanup gave up on it
  'DELIVERED>DELIVERED', // sent again on a reconnect (redelivery)
  'DELIVERED>SUCCEEDED', // acknowledged
  'DELIVERED>FAILED', // acknowledged as failed, or given up on
]);

const states = Object.values(C);
const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));

describe('worker command state machine', () => {
  it('covers all 16 pairs of states', () => expect(pairs).toHaveLength(16));

  it.each(pairs)('%s → %s is allowed exactly when the table says so', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canMoveCommand(from, to)).toBe(allowed);
    const command = { state: from };
    if (allowed) {
      applyCommandMove(command, to);
      expect(command.state).toBe(to);
      expect(commandMove([from], to)).toEqual({ from: [from], to });
      return;
    }
    let thrown: unknown;
    try {
      applyCommandMove(command, to);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WorkersError);
    expect((thrown as WorkersError).code).toBe('ILLEGAL_STATE_TRANSITION');
    expect((thrown as WorkersError).extensions).toEqual({ from, to });
    expect(command.state).toBe(from);
    expect(() => commandMove([from], to)).toThrow(expect.objectContaining({ code: 'ILLEGAL_STATE_TRANSITION' }));
  });

  it('refuses every move out of a final state, and a queued command going back to QUEUED', () => {
    for (const from of [C.SUCCEEDED, C.FAILED]) for (const to of states) expect(() => assertCommandMove(from, to)).toThrow(/is final/);
    expect(() => assertCommandMove(C.QUEUED, C.QUEUED)).toThrow(/allowed from QUEUED: DELIVERED, SUCCEEDED, FAILED/);
    expect(() => assertCommandMove(C.DELIVERED, C.QUEUED)).toThrow(/allowed from DELIVERED: DELIVERED, SUCCEEDED, FAILED/);
  });
});
