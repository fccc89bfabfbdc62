import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, OptionalProps, Check, Enum } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../users/user.entity.js';

/** Why a balance moved. */
export enum CoinEntryKind {
  ADMIN_ADD = 'ADMIN_ADD',
  ADMIN_SUB = 'ADMIN_SUB',
  ADMIN_SET = 'ADMIN_SET',
  PURCHASE = 'PURCHASE',
  REFUND = 'REFUND',
}

registerEnumType(CoinEntryKind, {
  name: 'CoinEntryKind',
  description: 'Why a balance moved',
  valuesConfig: {
    ADMIN_ADD: { description: 'An admin added coins' },
    ADMIN_SUB: { description: 'An admin took coins away' },
    ADMIN_SET: { description: 'An admin set the balance to an absolute amount' },
    PURCHASE: { description: 'Coins spent on a desktop' },
    REFUND: { description: 'Coins returned after a failed provisioning' },
  },
});

/** One movement of a user's coins. Rows are never edited or deleted (a database trigger refuses it). */
@ObjectType({ description: "One movement of a user's coins; the ledger is append-only" })
@Entity({ tableName: 'coin_ledger_entries' })
@Check({ name: 'coin_ledger_entries_balance_check', expression: 'balance_after >= 0' })
@Check({ name: 'coin_ledger_entries_reason_check', expression: "(kind !~~ 'ADMIN_%'::text) OR (length(btrim(COALESCE(reason, ''::text))) > 0)" })
@Check({ name: 'coin_ledger_entries_sequence_check', expression: 'sequence > 0' })
@Unique({ properties: ['user', 'idempotencyKey'] })
@Unique({ properties: ['user', 'sequence'] })
@Index({ properties: ['user', 'createdAt'] })
export class CoinLedgerEntry {
  [OptionalProps]?: 'createdAt' | 'sequence';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  user!: User;

  /**
   * 1, 2, 3… per user, in the order the balance moved: numbered by a database trigger under the
   * user's row lock (the 0 default never survives an insert), read back on insert.
   */
  @Property({ type: 'integer', defaultRaw: '0' })
  sequence!: number;

  @Field(() => Int, { description: 'Signed change to the balance' })
  @Property({ type: 'integer' })
  delta!: number;

  @Field(() => Int, { description: 'The balance right after this entry' })
  @Property({ type: 'integer' })
  balanceAfter!: number;

  @Field(() => CoinEntryKind, { description: 'Why the balance moved' })
  @Enum({ items: () => CoinEntryKind, type: 'string', length: 16 })
  kind!: CoinEntryKind;

  @Field(() => String, { nullable: true, description: 'Reason given by the admin (required for admin kinds)' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  actor?: User | null;

  @Property({ type: 'uuid', nullable: true })
  sessionId?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  idempotencyKey?: string | null;

  @Field(() => Date, { description: 'When the entry was written' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
