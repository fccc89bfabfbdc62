import { Session } from './session.entity.js';
import { Connection } from '../../shared/pagination.js';

/** A page of sessions, newest first. */
export const SessionConnection = Connection('Session', Session);
export type SessionConnection = InstanceType<typeof SessionConnection>;
