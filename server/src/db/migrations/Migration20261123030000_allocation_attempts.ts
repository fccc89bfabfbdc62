import { Migration } from '@mikro-orm/migrations';

/** Which workers already failed to create a session, so a retry goes elsewhere. */
export class Migration20261123030000_allocation_attempts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sessions" add column "failed_worker_ids" jsonb not null default '[]';`);
  }
}
