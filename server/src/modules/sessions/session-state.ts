import { registerEnumType } from 'type-graphql';

/** Life cycle of a desktop (the VPS statuses, plus WARM and STOPPING). */
export enum SessionState {
  PENDING = 'PENDING',
  PROVISIONING = 'PROVISIONING',
  WARM = 'WARM',
  READY = 'READY',
  STOPPING = 'STOPPING',
  DELETED = 'DELETED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(SessionState, {
  name: 'SessionState',
  description: 'Life cycle of a desktop',
  valuesConfig: {
    PENDING: { description: 'Accepted; a worker slot is held, the create command is queued' },
    PROVISIONING: { description: 'The worker is creating the container' },
    WARM: { description: 'Prewarmed and waiting for a candidate (no owner yet)' },
    READY: { description: 'Running; connection details are available to the owner' },
    STOPPING: { description: 'The worker is stopping and removing the container' },
    DELETED: { description: 'Stopped on request; the slot is free' },
    FAILED: { description: 'Provisioning or the worker failed; see failureReason; the slot is free' },
    EXPIRED: { description: 'Its product duration ran out; the slot is free' },
  },
});

/** States that hold a worker slot: from PENDING until DELETED, FAILED or EXPIRED. */
export const SLOT_HOLDING_STATES: readonly SessionState[] = [
  SessionState.PENDING,
  SessionState.PROVISIONING,
  SessionState.WARM,
  SessionState.READY,
  SessionState.STOPPING,
];

/** Final states: nothing leaves them. */
export const TERMINAL_STATES: readonly SessionState[] = [SessionState.DELETED, SessionState.FAILED, SessionState.EXPIRED];

/** States of a desktop being made: accepted or being created by its worker (not yet READY or WARM). */
export const STARTING_STATES: readonly SessionState[] = [SessionState.PENDING, SessionState.PROVISIONING];
