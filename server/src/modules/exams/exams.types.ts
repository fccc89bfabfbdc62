import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Exam } from './exam.entity.js';
import { Worker } from '../workers/worker.entity.js';
import { PlacementRefusal } from '../placement/placement-eligibility.js';

/** One account of an imported roster. */
@ObjectType({ description: 'One candidate of an imported roster; the password is shown here once' })
export class RosterCredential {
  @Field(() => String, { description: 'Login name' })
  username!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The password of a new account (given or generated), shown only in this answer; null for an existing account',
  })
  password!: string | null;
  @Field(() => Boolean, { description: 'True when the account was created by this import' })
  created!: boolean;
}

/** What a roster import did. */
@ObjectType({ description: 'What a roster import did' })
export class RosterImportResult {
  @Field(() => Exam, { description: 'The exam' })
  exam!: Exam;
  @Field(() => Int, { description: 'Candidates put on the roster by this import' })
  added!: number;
  @Field(() => Int, { description: 'Candidates already on it' })
  alreadyOnRoster!: number;
  @Field(() => [RosterCredential], { description: 'Every candidate of the file with their credentials' })
  candidates!: RosterCredential[];
}

/** How far a warm pool is. */
@ObjectType({ description: 'How far a warm pool is: prewarmed desktops waiting for candidates' })
export class PrewarmProgress {
  @Field(() => ID, { nullable: true, description: 'The exam of the pool; null for a product-wide pool' })
  examId!: string | null;
  @Field(() => ID, { description: 'The product of the pool' })
  productId!: string;
  @Field(() => Int, { description: 'Warm desktops wanted (after the VDI_PREWARM_MAX cap)' })
  target!: number;
  @Field(() => Boolean, { description: 'True when the asked count was cut to VDI_PREWARM_MAX' })
  capped!: boolean;
  @Field(() => Int, { description: 'Warm desktops ready for a candidate now' })
  warm!: number;
  @Field(() => Int, { description: 'Warm desktops being created now (at most VDI_PREWARM_CONCURRENCY at a time)' })
  provisioning!: number;
  @Field(() => Int, { description: 'Warm desktops that failed in the last hour' })
  failed!: number;
  @Field(() => Int, {
    description:
      'Still to create: target − warm − provisioning; for an exam the target less the candidates already seated (a seated candidate needs no warm desktop)',
  })
  missing!: number;
  @Field(() => String, { nullable: true, description: 'Why the pool cannot grow now (e.g. no capacity), when it cannot' })
  blockedReason!: string | null;
}

/** One worker's part in an exam's readiness. */
@ObjectType({ description: "One worker's part in an exam's readiness" })
export class ExamWorkerReadiness {
  @Field(() => Worker, { description: 'The worker' })
  worker!: Worker;
  @Field(() => Boolean, { description: "Can take this exam's desktops now" })
  eligible!: boolean;
  @Field(() => String, { nullable: true, description: 'Why not, when not (stale heartbeat, draining, disabled, not mapped, engine down)' })
  reason!: string | null;
  @Field(() => PlacementRefusal, {
    nullable: true,
    description: 'Why not, when not, as a code a client can translate (the same verdict as reason); null when eligible',
  })
  refusal!: PlacementRefusal | null;
  @Field(() => Int, { description: 'Warm desktops of the exam on it' })
  warm!: number;
  @Field(() => Int, { description: 'Candidates seated on it' })
  seated!: number;
  @Field(() => Int, { description: 'Free slots usable by the exam' })
  slotsAvailable!: number;
  @Field(() => Int, { description: "Slots candidates cannot use because of this worker's state (all of its free slots when it is not eligible)" })
  shortfall!: number;
}

/** Go / no-go for an exam. */
@ObjectType({ description: 'Go / no-go for an exam: warm desktops, capacity and the workers behind them' })
export class ExamReadiness {
  @Field(() => Exam, { description: 'The exam' })
  exam!: Exam;
  @Field(() => Boolean, { description: 'True when every expected candidate can get a desktop and the warm target is met' })
  go!: boolean;
  @Field(() => [String], { description: 'Why not go, one line each; empty when go' })
  reasons!: string[];
  @Field(() => Int, { description: 'Candidates expected' })
  expectedCandidates!: number;
  @Field(() => Int, { description: 'Candidates on the roster' })
  rosterSize!: number;
  @Field(() => Int, { description: 'Candidates with a live desktop' })
  seated!: number;
  @Field(() => Int, { description: "Warm desktops waiting (the exam's and product-wide ones)" })
  warm!: number;
  @Field(() => Int, { description: 'Warm desktops being created' })
  provisioning!: number;
  @Field(() => Int, { description: 'Warm desktops wanted' })
  prewarmTarget!: number;
  @Field(() => Int, {
    description:
      'Warm desktops the pool keeps now: the prewarm target less candidates already seated (a candidate whose desktop ended counts as still to come)',
  })
  warmWanted!: number;
  @Field(() => Int, { description: 'Free slots on eligible workers' })
  slotsAvailable!: number;
  @Field(() => Int, { description: 'Candidates who would find no desktop: expected − seated − warm − provisioning − free slots, at least 0' })
  capacityShortfall!: number;
  @Field(() => [ExamWorkerReadiness], { description: 'Per worker' })
  workers!: ExamWorkerReadiness[];
}
