import { SessionState } from '../sessions/session-state.js';

/** Live states in which a candidate already has their desktop (a reconnect gets it back). */
export const SEATED_STATES: readonly SessionState[] = [SessionState.PENDING, SessionState.PROVISIONING, SessionState.READY];
