import { Field, ID, InputType, Int } from 'type-graphql';
import { SessionState } from './session-state.js';

/** Connection details a worker reports. */
@InputType({ description: 'How to reach a desktop, as the worker reports it' })
export class ConnectionInput {
  @Field(() => String, { description: 'vnc, rdp, ssh or test' })
  protocol!: string;
  @Field(() => String, { nullable: true, description: 'Host to connect to' })
  host?: string | null;
  @Field(() => Int, { nullable: true, description: 'Port to connect to' })
  port?: number | null;
  @Field(() => String, { nullable: true, description: 'Login name' })
  username?: string | null;
  @Field(() => String, { nullable: true, description: 'Login password; stored encrypted' })
  password?: string | null;
}

/** A worker's report on one of its sessions. */
@InputType({ description: "A worker's report on one of its sessions" })
export class ReportSessionInput {
  @Field(() => ID, { description: 'The session' })
  sessionId!: string;
  @Field(() => SessionState, { description: 'Its state now (through the state machine)' })
  state!: SessionState;
  @Field(() => String, { nullable: true, description: 'Container name (workerRoute)' })
  workerRoute?: string | null;
  @Field(() => ConnectionInput, { nullable: true, description: 'How to connect, once known' })
  connection?: ConnectionInput | null;
  @Field(() => String, { nullable: true, description: 'Why it failed' })
  error?: string | null;
}
