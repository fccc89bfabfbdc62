import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

/** Admin coin operations (add / sub / set). */
export enum CoinOp {
  ADD = 'ADD',
  SUB = 'SUB',
  SET = 'SET',
}

registerEnumType(CoinOp, {
  name: 'CoinOp',
  description: 'Admin coin operation',
  valuesConfig: {
    ADD: { description: 'Add `amount` to the balance' },
    SUB: { description: 'Subtract `amount`; refused with INSUFFICIENT_COINS if the balance would go below zero' },
    SET: { description: 'Set the balance to `amount`' },
  },
});

/** An admin's change to a balance. */
@InputType({ description: "An admin's change to a balance" })
export class AdjustCoinsInput {
  @Field(() => ID, { description: 'Whose balance (a User id)' })
  userId!: string;
  @Field(() => CoinOp, { description: 'Add, subtract or set' })
  op!: CoinOp;
  @Field(() => Int, { description: 'Coins: 1 to 1,000,000,000 for ADD and SUB; 0 to 1,000,000,000 for SET' })
  amount!: number;
  @Field(() => String, { description: 'Why (required, 1 to 500 characters); kept in the ledger and audit log' })
  reason!: string;
  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key for the same user returns the first entry' })
  idempotencyKey?: string | null;
}
