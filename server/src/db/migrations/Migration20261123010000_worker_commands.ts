import { Migration } from '@mikro-orm/migrations';

/** The durable per-worker command queue, session logs, and per-worker registry credentials. */
export class Migration20261123010000_worker_commands extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "worker_commands" ("id" uuid not null, "worker_id" uuid not null, "session_id" uuid null, "kind" text check ("kind" in ('CREATE_SESSION', 'STOP_SESSION', 'STOP_CONTAINER')) not null, "payload" jsonb not null, "state" text check ("state" in ('QUEUED', 'DELIVERED', 'SUCCEEDED', 'FAILED')) not null default 'QUEUED', "attempts" int not null default 0, "error" text null, "created_at" timestamptz not null default now(), "delivered_at" timestamptz null, "completed_at" timestamptz null, constraint "worker_commands_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "worker_commands_worker_id_state_index" on "worker_commands" ("worker_id", "state");`);
    this.addSql(
      `alter table "worker_commands" add constraint "worker_commands_worker_id_foreign" foreign key ("worker_id") references "workers" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "session_log_lines" ("id" bigserial primary key, "session_id" uuid not null, "line" text not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "session_log_lines_session_id_id_index" on "session_log_lines" ("session_id", "id");`);
    this.addSql(`alter table "workers" add column "registry_auth" jsonb null;`);
  }
}
