import { Migration } from '@mikro-orm/migrations';

/**
 * Ledger entries carry a per-user sequence, so `balance_after` chains: ordered by it, every entry's
 * balance_after is the previous one's plus its delta. A trigger numbers each new entry under the
 * user's row lock, which every writer already holds (the balance moves in the same transaction);
 * a writer that did not would meet the unique index, never a gap or a repeat. Existing entries are
 * numbered in (created_at, id) order.
 */
export class Migration20261202157300_ledger_sequence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "coin_ledger_entries" add column "sequence" int null;`);
    // The ledger refuses edits; numbering the existing entries is the one sanctioned exception.
    this.addSql(`alter table "coin_ledger_entries" disable trigger "coin_ledger_entries_append_only";`);
    this.addSql(`update coin_ledger_entries l set sequence = x.n
      from (select id, row_number() over (partition by user_id order by created_at, id) as n from coin_ledger_entries) x where l.id = x.id;`);
    this.addSql(`alter table "coin_ledger_entries" enable trigger "coin_ledger_entries_append_only";`);
    this.addSql(`alter table "coin_ledger_entries" alter column "sequence" set default 0, alter column "sequence" set not null;`);
    this.addSql(`alter table "coin_ledger_entries" add constraint "coin_ledger_entries_sequence_check" check ("sequence" > 0);`);
    this.addSql(`alter table "coin_ledger_entries" add constraint "coin_ledger_entries_user_id_sequence_unique" unique ("user_id", "sequence");`);
    // A fresh statement snapshot (the function is volatile): it sees every entry committed before this writer took the user's row.
    this.addSql(`create function coin_ledger_next_sequence() returns trigger language plpgsql as $$
      begin
        select coalesce(max(sequence), 0) + 1 into new.sequence from coin_ledger_entries where user_id = new.user_id;
        return new;
      end $$;`);
    this.addSql(
      `create trigger "coin_ledger_entries_sequence" before insert on "coin_ledger_entries" for each row execute function coin_ledger_next_sequence();`,
    );
  }
}
