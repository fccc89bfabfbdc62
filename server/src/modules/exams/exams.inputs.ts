import { Field, ID, InputType, Int } from 'type-graphql';

/** A new exam sitting. */
@InputType({ description: 'A new exam sitting' })
export class ExamInput {
  @Field(() => String, { description: 'Unique code candidates type to join: 1 to 64 letters, digits, . _ -' })
  code!: string;
  @Field(() => String, { description: 'Display name' })
  name!: string;
  @Field(() => ID, { description: 'The product every candidate gets' })
  productId!: string;
  @Field(() => Date, { description: 'When the exam starts' })
  startsAt!: Date;
  @Field(() => Date, { description: 'When the exam ends (after startsAt)' })
  endsAt!: Date;
  @Field(() => Int, { description: 'Candidates expected' })
  expectedCandidates!: number;
  @Field(() => Int, { nullable: true, description: 'Warm desktops to keep ready (capped by VDI_PREWARM_MAX); 0 when omitted' })
  prewarmTarget?: number | null;
}
