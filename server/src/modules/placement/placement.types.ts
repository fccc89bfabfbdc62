import { Field, Int, ObjectType } from 'type-graphql';
import { Worker } from '../workers/worker.entity.js';
import { PlacementRefusal } from './placement-eligibility.js';

/** Fleet capacity at a glance (totalAvailableSessions). */
@ObjectType({ description: 'Fleet capacity at a glance' })
export class ClusterSummary {
  @Field(() => Int, { description: 'Free slots on workers that can take a session now (for the product, if given)' })
  totalAvailableSessions!: number;
  @Field(() => Int, { description: 'maxSessions summed over active workers (for the product, if given)' })
  totalMaxSessions!: number;
  @Field(() => Int, { description: 'Sessions holding slots on those workers' })
  totalActiveSessions!: number;
  @Field(() => Int, { description: 'Active workers with a fresh heartbeat' })
  healthyWorkers!: number;
  @Field(() => Int, { description: 'Active workers with no heartbeat within WORKER_HEARTBEAT_TTL_SEC' })
  staleWorkers!: number;
  @Field(() => Int, { description: 'Workers draining' })
  drainingWorkers!: number;
  @Field(() => Int, { description: 'Workers drained' })
  drainedWorkers!: number;
  @Field(() => Int, { description: 'Workers disabled' })
  disabledWorkers!: number;
}

/** Whether one worker can take a session of a product, and why not. */
@ObjectType({ description: 'Whether one worker can take a session of a product, and why not' })
export class PlacementVerdict {
  @Field(() => Worker, { description: 'The worker judged' })
  worker!: Worker;
  @Field(() => Boolean, { description: 'It can take a session now' })
  eligible!: boolean;
  @Field(() => PlacementRefusal, { nullable: true, description: 'Why not, as a code' })
  refusal?: PlacementRefusal | null;
  @Field(() => String, { nullable: true, description: 'Why not, in words' })
  reason?: string | null;
}
