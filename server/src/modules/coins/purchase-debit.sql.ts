import { CoinEntryKind } from './coin-ledger-entry.entity.js';

/**
 * The coins side of a purchase, as two CTEs a caller puts into its own statement so the debit is
 * in the same transaction — and the same snapshot — as what is bought: no desktop without a debit,
 * no debit without a desktop. `usr` takes `price` from the buyer only while the balance covers it
 * and `guard` holds; `led` writes the matching PURCHASE ledger entry with the balance after it.
 *
 * `price` and `guard` are SQL expressions over the caller's own CTEs. Parameters, in order:
 * buyer id (usr); buyer id, entry kind, reason, session id, idempotency key, created at (led) —
 * `purchaseDebitParams` returns them in that order.
 */
export function purchaseDebitCtes(price: string, guard: string, from: string): string {
  return `usr as (
    update users set coin_balance = coin_balance - ${price} from ${from} where users.id = ? and coin_balance >= ${price} and ${guard}
    returning coin_balance, ${price} as price
  ), led as (
    insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, reason, session_id, idempotency_key, created_at)
    select gen_random_uuid(), ?::uuid, -usr.price, usr.coin_balance, ?, ?, ?::uuid, ?, ?::timestamptz from usr
  )`;
}

/** The parameters of `purchaseDebitCtes`, in its order. */
export function purchaseDebitParams(p: { buyerId: string; reason: string; sessionId: string; idempotencyKey: string; at: Date }): unknown[] {
  return [p.buyerId, p.buyerId, CoinEntryKind.PURCHASE, p.reason, p.sessionId, p.idempotencyKey, p.at];
}
