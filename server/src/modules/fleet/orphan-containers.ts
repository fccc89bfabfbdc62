import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';
import { WorkerCommandKind } from '../workers/worker-command.entity.js';
import { UNACKNOWLEDGED_COMMAND_STATES } from '../workers/worker-command-state-machine.js';
import { pgArray } from '../../db/pg-array.js';

/**
 * A labelled container no live session of its worker owns (and no stop is on its way), from
 * every worker's last reported inventory. Bind {@link ORPHANS_PARAMS}: the slot-holding session
 * states, the stop kind, the unacknowledged command states. The orphan sweeper orders these
 * stopped; "Reconcile now" lists them.
 */
export const ORPHANS_SQL = `select w.id as worker_id, w.code, c.name, c."sessionId" as session_id
   from workers w, jsonb_to_recordset(w.inventory) as c(name text, "sessionId" text, state text)
  where not exists (
          select 1 from sessions s
           where s.id::text = c."sessionId" and s.worker_id = w.id and s.state = any(?::text[]))
    and not exists (
          select 1 from worker_commands q
           where q.worker_id = w.id and q.kind = ? and q.payload->>'name' = c.name
             and (q.state = any(?::text[]) or q.created_at > now() - interval '60 seconds'))`;

/** The parameters of {@link ORPHANS_SQL}. */
export const ORPHANS_PARAMS: readonly unknown[] = [pgArray(SLOT_HOLDING_STATES), WorkerCommandKind.STOP_CONTAINER, pgArray(UNACKNOWLEDGED_COMMAND_STATES)];
