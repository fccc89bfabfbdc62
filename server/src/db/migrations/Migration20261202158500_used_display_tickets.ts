import { Migration } from '@mikro-orm/migrations';

/** Redeemed desktop tickets, so a ticket opens a desktop once on any replica; swept after expiry. */
export class Migration20261202158500_used_display_tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "used_display_tickets" ("id" uuid not null, "expires_at" timestamptz not null, constraint "used_display_tickets_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "used_display_tickets_expires_at_index" on "used_display_tickets" ("expires_at");`);
  }
}
