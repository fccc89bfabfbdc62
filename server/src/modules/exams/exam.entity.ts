import { randomUUID } from 'node:crypto';
import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Product } from '../products/product.entity.js';

/** An exam sitting: a product handed to a roster of candidates in a time window. */
@ObjectType({ description: 'An exam sitting: a product handed to a roster of candidates in a time window' })
@Entity({ tableName: 'exams' })
@Check({ name: 'exams_window_check', expression: '(ends_at > starts_at)' })
@Check({ name: 'exams_counts_check', expression: '(expected_candidates >= 0) AND (prewarm_target >= 0)' })
export class Exam {
  [OptionalProps]?: 'prewarmTarget' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Unique code candidates type to join' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String, { description: 'Display name' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Product, { description: 'The desktop every candidate gets' })
  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Product;

  @Field(() => Date, { description: 'When the exam starts' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field(() => Date, { description: 'When the exam ends; joining is refused afterwards and warm desktops are removed' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Candidates expected to sit it' })
  @Property({ type: 'integer' })
  expectedCandidates!: number;

  @Field(() => Int, { description: 'Warm desktops to keep ready (set by prewarm, capped by VDI_PREWARM_MAX)' })
  @Property({ type: 'integer', default: 0 })
  prewarmTarget: number = 0;

  @Field(() => Date, { description: 'When the exam was created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
