import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, OptionalProps, Check, Enum } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../../shared/role.js';

/** A person who can log in. */
@ObjectType({ description: 'A person who can log in' })
@Entity({ tableName: 'users' })
@Check({ name: 'users_coin_balance_check', expression: 'coin_balance >= 0' })
export class User {
  [OptionalProps]?: 'coinBalance' | 'disabled' | 'createdAt' | 'mustChangePassword';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Unique login name' })
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'text', hidden: true, lazy: false })
  passwordHash!: string;

  @Field(() => Role, { description: 'What this person may do' })
  @Enum({ items: () => Role, type: 'string', length: 16 })
  role!: Role;

  @Field(() => Int, { description: 'Coins available to spend; never negative' })
  @Property({ type: 'integer', default: 0 })
  coinBalance: number = 0;

  @Field(() => Boolean, { description: 'A disabled person cannot log in and their tokens stop working' })
  @Property({ type: 'boolean', default: false })
  disabled: boolean = false;

  @Field(() => Boolean, { description: 'The person must choose a new password (changeMyPassword) before doing anything else' })
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean = false;

  @Field(() => Date, { description: 'When the account was created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
