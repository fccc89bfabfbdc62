import { Migration } from '@mikro-orm/migrations';

/**
 * A person given a generated password must change it first; the audit log is read newest first,
 * optionally by actor.
 */
export class Migration20261202146300_password_change_and_audit_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "must_change_password" boolean not null default false;`);
    this.addSql(`create index "audit_log_created_at_index" on "audit_log" ("created_at");`);
    this.addSql(`create index "audit_log_actor_id_created_at_index" on "audit_log" ("actor_id", "created_at");`);
  }
}
