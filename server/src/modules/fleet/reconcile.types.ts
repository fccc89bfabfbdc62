import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What kind of drift a reconcile found. */
export enum ReconcileKind {
  ORPHAN_CONTAINER = 'ORPHAN_CONTAINER',
  MISSING_CONTAINER = 'MISSING_CONTAINER',
  STUCK_SESSION = 'STUCK_SESSION',
  MISSING_WARM = 'MISSING_WARM',
  STALE_WORKER = 'STALE_WORKER',
}

registerEnumType(ReconcileKind, {
  name: 'ReconcileKind',
  description: 'What kind of drift between the database and the workers a reconcile found',
  valuesConfig: {
    ORPHAN_CONTAINER: { description: 'A labelled container no live session of that worker owns; apply stops it' },
    MISSING_CONTAINER: { description: 'A READY or WARM session whose container its healthy worker no longer reports; apply fails it (refunded)' },
    STUCK_SESSION: {
      description: 'A session in PENDING, PROVISIONING or STOPPING past VDI_ALLOCATE_TIMEOUT_SEC; apply fails it (refunded) or orders the stop again',
    },
    MISSING_WARM: { description: 'A warm pool below its target; apply starts filling it' },
    STALE_WORKER: { description: 'An active worker without a recent heartbeat; its live sessions are flagged (nothing to apply)' },
  },
});

/** One finding. */
@ObjectType({ description: 'One difference between the database and what the workers report' })
export class ReconcileItem {
  @Field(() => ReconcileKind, { description: 'What kind of drift' })
  kind!: ReconcileKind;
  @Field(() => String, { nullable: true, description: 'The worker concerned' })
  workerCode!: string | null;
  @Field(() => ID, { nullable: true, description: 'The session concerned' })
  sessionId!: string | null;
  @Field(() => String, { nullable: true, description: 'The container concerned' })
  container!: string | null;
  @Field(() => String, { description: 'What was found' })
  detail!: string;
  @Field(() => String, { description: 'What apply does (dry run) or did' })
  action!: string;
}

/** What a reconcile found and, unless a dry run, fixed. */
@ObjectType({ description: 'What a reconcile found and, unless it was a dry run, fixed' })
export class ReconcileReport {
  @Field(() => Boolean, { description: 'True when nothing was changed' })
  dryRun!: boolean;
  @Field(() => Date, { description: 'When the comparison was made' })
  at!: Date;
  @Field(() => Int, { description: 'Findings in all' })
  total!: number;
  @Field(() => [ReconcileItem], { description: 'Every finding' })
  items!: ReconcileItem[];
}
