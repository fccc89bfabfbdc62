import { SessionState as S, TERMINAL_STATES } from './session-state.js';
import { SessionError, SessionErrorCode } from './sessions.errors.js';

/**
 * The one transition table. A key lists the states it may move to; anything else is refused.
 * WARM → READY is a candidate claiming a prewarmed desktop; READY → WARM never happens (a used
 * desktop is not handed to someone else).
 */
export const SESSION_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.PENDING]: [S.PROVISIONING, S.STOPPING, S.FAILED],
  [S.PROVISIONING]: [S.READY, S.WARM, S.STOPPING, S.FAILED],
  [S.WARM]: [S.READY, S.STOPPING, S.FAILED, S.EXPIRED],
  [S.READY]: [S.STOPPING, S.FAILED, S.EXPIRED],
  [S.STOPPING]: [S.DELETED, S.FAILED, S.EXPIRED],
  [S.DELETED]: [],
  [S.FAILED]: [],
  [S.EXPIRED]: [],
};

/** True when the table allows `from → to`. */
export function canTransition(from: S, to: S): boolean {
  return SESSION_TRANSITIONS[from].includes(to);
}

/** Returns `to` when the move is legal; throws ILLEGAL_STATE_TRANSITION otherwise. */
export function assertTransition(from: S, to: S): S {
  if (!canTransition(from, to)) {
    const why = TERMINAL_STATES.includes(from) ? `${from} is final` : `allowed from ${from}: ${SESSION_TRANSITIONS[from].join(', ')}`;
    throw new SessionError(SessionErrorCode.ILLEGAL_STATE_TRANSITION, `Session cannot move from ${from} to ${to} (${why})`, { from, to });
  }
  return to;
}

/**
 * A move that set-based SQL makes (a warm desktop claimed in one statement, say): checked once
 * against the table, then bound as parameters, so no state name is written into the SQL.
 */
export interface SessionMove {
  readonly from: S;
  readonly to: S;
}

/** `from → to` as a {@link SessionMove}; ILLEGAL_STATE_TRANSITION when the table does not allow it. */
export function sessionMove(from: S, to: S): SessionMove {
  return { from, to: assertTransition(from, to) };
}
