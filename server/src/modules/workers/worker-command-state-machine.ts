import { WorkerCommandState as C } from './worker-command.entity.js';
import { WorkersError, WorkersErrorCode } from './workers.errors.js';

/**
 * The one transition table of a worker command. Written QUEUED; DELIVERED when sent, and sent
 * again (DELIVERED → DELIVERED) on every reconnect until the worker acknowledges it; then
 * SUCCEEDED or FAILED, both final. An acknowledgement may also find it still QUEUED (its delivery
 * was not recorded), and dispatch cleanup fails one never acknowledged (QUEUED or DELIVERED →
 * FAILED). Nothing leaves a final state: a repeated acknowledgement changes nothing.
 */
export const COMMAND_TRANSITIONS: Readonly<Record<C, readonly C[]>> = {
  [C.QUEUED]: [C.DELIVERED, C.SUCCEEDED, C.FAILED],
  [C.DELIVERED]: [C.DELIVERED, C.SUCCEEDED, C.FAILED],
  [C.SUCCEEDED]: [],
  [C.FAILED]: [],
};

/** States whose command still waits for its worker: delivered (again) until acknowledged. */
export const UNACKNOWLEDGED_COMMAND_STATES: readonly C[] = [C.QUEUED, C.DELIVERED];

/** Final states: the worker acknowledged it, or dispatch cleanup gave up on it. */
export const FINAL_COMMAND_STATES: readonly C[] = [C.SUCCEEDED, C.FAILED];

/** True when the table allows `from → to`. */
export function canMoveCommand(from: C, to: C): boolean {
  return COMMAND_TRANSITIONS[from].includes(to);
}

/** Returns `to` when the move is legal; ILLEGAL_STATE_TRANSITION otherwise. */
export function assertCommandMove(from: C, to: C): C {
  if (!canMoveCommand(from, to)) {
    const why = FINAL_COMMAND_STATES.includes(from) ? `${from} is final` : `allowed from ${from}: ${COMMAND_TRANSITIONS[from].join(', ')}`;
    throw new WorkersError(WorkersErrorCode.ILLEGAL_STATE_TRANSITION, `A worker command cannot move from ${from} to ${to} (${why})`, { from, to });
  }
  return to;
}

/** The one apply function: moves `command` to `to` through the table. */
export function applyCommandMove(command: { state: C }, to: C): void {
  command.state = assertCommandMove(command.state, to);
}

/** A move set-based SQL makes from any of `from` to `to`: each checked against the table, then bound as parameters. */
export function commandMove(from: readonly C[], to: C): { from: readonly C[]; to: C } {
  for (const f of from) assertCommandMove(f, to);
  return { from, to };
}
