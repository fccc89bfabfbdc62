import pg from 'pg';

/** What the database says about a person's money and desktops (the tests' ground truth). */
export interface Books {
  balance: number;
  ledgerSum: number;
  purchases: number;
  refunds: number;
  sessions: number;
}

/** Reads `userId`'s balance, Σ ledger deltas, PURCHASE/REFUND entry counts and session count straight from PostgreSQL. */
export async function books(dbUrl: string, userId: string): Promise<Books> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const r = await db.query(
      `select (select coin_balance from users where id = $1)::int as balance,
              (select coalesce(sum(delta), 0) from coin_ledger_entries where user_id = $1)::int as "ledgerSum",
              (select count(*) from coin_ledger_entries where user_id = $1 and kind = 'PURCHASE')::int as purchases,
              (select count(*) from coin_ledger_entries where user_id = $1 and kind = 'REFUND')::int as refunds,
              (select count(*) from sessions where owner_id = $1)::int as sessions`,
      [userId],
    );
    return r.rows[0] as Books;
  } finally {
    await db.end();
  }
}
