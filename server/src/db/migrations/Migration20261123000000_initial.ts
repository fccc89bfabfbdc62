import { Migration } from '@mikro-orm/migrations';

/** Users, coins (append-only ledger), products, workers, sessions and the audit log. */
export class Migration20261123000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null, "username" varchar(64) not null, "password_hash" text not null, "role" text not null, "coin_balance" int not null default 0, "disabled" boolean not null default false, "created_at" timestamptz not null default now(), constraint "users_pkey" primary key ("id"),
      constraint "users_coin_balance_check" check ("coin_balance" >= 0),
      constraint "users_role_check" check ("role" in ('ADMIN','OPERATOR','USER','CANDIDATE')));`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);

    this.addSql(
      `create table "audit_log" ("id" uuid not null, "actor_id" uuid null, "actor_label" varchar(128) not null, "action" varchar(64) not null, "target_type" varchar(32) not null, "target_id" varchar(64) null, "data" jsonb null, "created_at" timestamptz not null default now(), constraint "audit_log_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_log_target_type_target_id_index" on "audit_log" ("target_type", "target_id");`);

    this.addSql(`create table "products" ("id" uuid not null, "name" varchar(128) not null, "price_coins" int not null, "provision_action" text not null, "image" text null, "cpus" double precision not null, "memory_mb" int not null, "shm_mb" int not null, "duration_minutes" int not null default 0, "browser_url" text null, "network" jsonb not null, "is_active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "products_pkey" primary key ("id"),
      constraint "products_price_check" check ("price_coins" >= 0),
      constraint "products_limits_check" check ("cpus" > 0 and "memory_mb" > 0 and "shm_mb" >= 0 and "duration_minutes" >= 0),
      constraint "products_provision_action_check" check ("provision_action" in ('LINUX','WINDOWS','TEST')));`);
    this.addSql(`alter table "products" add constraint "products_name_unique" unique ("name");`);

    this.addSql(`create table "coin_ledger_entries" ("id" uuid not null, "user_id" uuid not null, "delta" int not null, "balance_after" int not null, "kind" text not null, "reason" text null, "actor_id" uuid null, "session_id" uuid null, "idempotency_key" varchar(128) null, "created_at" timestamptz not null default now(), constraint "coin_ledger_entries_pkey" primary key ("id"),
      constraint "coin_ledger_entries_balance_check" check ("balance_after" >= 0),
      constraint "coin_ledger_entries_kind_check" check ("kind" in ('ADMIN_ADD','ADMIN_SUB','ADMIN_SET','PURCHASE','REFUND')),
      constraint "coin_ledger_entries_reason_check" check ("kind" not like 'ADMIN_%' or length(btrim(coalesce("reason", ''))) > 0));`);
    this.addSql(`create index "coin_ledger_entries_user_id_created_at_index" on "coin_ledger_entries" ("user_id", "created_at");`);
    this.addSql(`alter table "coin_ledger_entries" add constraint "coin_ledger_entries_user_id_idempotency_key_unique" unique ("user_id", "idempotency_key");`);

    this.addSql(`create table "workers" ("id" uuid not null, "code" varchar(128) not null, "name" varchar(128) null, "api_base_url" text null, "status" text not null default 'ACTIVE', "drain_status" text not null default 'NONE', "capacity" jsonb not null, "max_sessions_override" int null, "max_sessions" int not null, "last_heartbeat_at" timestamptz null, "version" varchar(64) null, "credential_hash" varchar(64) null, "credential_issued_at" timestamptz null, "labels" jsonb not null, "driver" jsonb null, "cpu_percent" double precision null, "memory_used_mb" int null, "inventory" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "workers_pkey" primary key ("id"),
      constraint "workers_status_check" check ("status" in ('ACTIVE','DISABLED')),
      constraint "workers_drain_status_check" check ("drain_status" in ('NONE','DRAINING','DRAINED')),
      constraint "workers_max_sessions_check" check ("max_sessions" >= 0 and coalesce("max_sessions_override", 0) >= 0));`);
    this.addSql(`alter table "workers" add constraint "workers_code_unique" unique ("code");`);
    this.addSql(`alter table "workers" add constraint "workers_credential_hash_unique" unique ("credential_hash");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "owner_id" uuid null, "product_id" uuid not null, "worker_id" uuid null, "state" text not null default 'PENDING', "worker_route" varchar(128) null, "connection_protocol" varchar(16) null, "connection_host" varchar(255) null, "connection_port" int null, "connection_username" varchar(128) null, "connection_password_enc" text null, "failure_reason" text null, "idempotency_key" varchar(128) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "ready_at" timestamptz null, "expires_at" timestamptz null, "ended_at" timestamptz null, constraint "sessions_pkey" primary key ("id"),
      constraint "sessions_state_check" check ("state" in ('PENDING','PROVISIONING','WARM','READY','STOPPING','DELETED','FAILED','EXPIRED')));`);
    this.addSql(`create index "sessions_owner_id_created_at_index" on "sessions" ("owner_id", "created_at");`);
    this.addSql(`create index "sessions_worker_id_state_index" on "sessions" ("worker_id", "state");`);
    this.addSql(`alter table "sessions" add constraint "sessions_owner_id_idempotency_key_unique" unique ("owner_id", "idempotency_key");`);

    this.addSql(
      `create table "product_workers" ("product_id" uuid not null, "worker_id" uuid not null, constraint "product_workers_pkey" primary key ("product_id", "worker_id"));`,
    );

    this.addSql(
      `alter table "coin_ledger_entries" add constraint "coin_ledger_entries_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "coin_ledger_entries" add constraint "coin_ledger_entries_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_worker_id_foreign" foreign key ("worker_id") references "workers" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "product_workers" add constraint "product_workers_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "product_workers" add constraint "product_workers_worker_id_foreign" foreign key ("worker_id") references "workers" ("id") on update cascade on delete cascade;`,
    );

    // The ledger and the audit log are append-only: the database refuses edits and deletes.
    this.addSql(`create function vdi_refuse_change() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', TG_TABLE_NAME using errcode = 'restrict_violation'; end $$;`);
    this.addSql(
      `create trigger "coin_ledger_entries_append_only" before update or delete on "coin_ledger_entries" for each row execute function vdi_refuse_change();`,
    );
    this.addSql(`create trigger "audit_log_append_only" before update or delete on "audit_log" for each row execute function vdi_refuse_change();`);
  }
}
