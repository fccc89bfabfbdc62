import { describe, expect, it } from 'vitest';
import { SessionState as S } from './session-state.js';
import { assertTransition, canTransition, sessionMove } from './session-state-machine.js';
import { SessionError } from './sessions.errors.js';

/** The expected table, written out independently of the implementation. */
const ALLOWED = new Set([
  'PENDING>PROVISIONING',
  'PENDING>STOPPING',
  'PENDING>FAILED',
  'PROVISIONING>READY',
  'PROVISIONING>WARM',
  'PROVISIONING>STOPPING',
  'PROVISIONING>FAILED',
  'WARM>READY',
  'WARM>STOPPING',
  'WARM>FAILED',
  'WARM>EXPIRED',
  'READY>STOPPING',
  'READY>FAILED',
  'READY>EXPIRED',
  'STOPPING>DELETED',
  'STOPPING>FAILED',
  'STOPPING>EXPIRED',
]);

const states = Object.values(S);
const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));

describe('session state machine', () => {
  it('covers all 64 pairs of states', () => expect(pairs).toHaveLength(64));

  it.each(pairs)('%s → %s is allowed exactly when the table says so', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) {
      expect(assertTransition(from, to)).toBe(to);
    } else {
      let thrown: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SessionError);
      expect((thrown as SessionError).code).toBe('ILLEGAL_STATE_TRANSITION');
      expect((thrown as SessionError).extensions).toEqual({ from, to });
    }
  });

  it.each(pairs)('a set-based SQL move %s → %s is checked against the same table', (from, to) => {
    if (ALLOWED.has(`${from}>${to}`)) expect(sessionMove(from, to)).toEqual({ from, to });
    else expect(() => sessionMove(from, to)).toThrow(expect.objectContaining({ code: 'ILLEGAL_STATE_TRANSITION', extensions: { from, to } }));
  });

  it('refuses every move out of a final state with ILLEGAL_STATE_TRANSITION', () => {
    for (const from of [S.DELETED, S.FAILED, S.EXPIRED]) {
      for (const to of states) expect(() => assertTransition(from, to)).toThrow(/is final/);
    }
  });
});
