import { Migration } from '@mikro-orm/migrations';

/**
 * Slots as rows: a worker has exactly `max_sessions` rows in worker_slots, and a live session
 * holds one of them. The foreign key plus a unique index over live sessions make over-commit
 * impossible in the database itself, whatever the code does.
 */
export class Migration20261123020000_worker_slots extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "worker_slots" ("worker_id" uuid not null, "slot_no" int not null, constraint "worker_slots_pkey" primary key ("worker_id", "slot_no"), constraint "worker_slots_slot_no_check" check ("slot_no" >= 0));`,
    );
    this.addSql(
      `alter table "worker_slots" add constraint "worker_slots_worker_id_foreign" foreign key ("worker_id") references "workers" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`insert into worker_slots (worker_id, slot_no) select w.id, g from workers w, generate_series(0, w.max_sessions - 1) g;`);
    this.addSql(`alter table "sessions" add column "slot_no" int null;`);
    this.addSql(
      `update sessions s set slot_no = x.n - 1 from (select id, row_number() over (partition by worker_id order by created_at) as n from sessions where worker_id is not null and state not in ('DELETED','FAILED','EXPIRED')) x where s.id = x.id;`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_slot_foreign" foreign key ("worker_id", "slot_no") references "worker_slots" ("worker_id", "slot_no") on update cascade;`,
    );
    this.addSql(`create unique index "sessions_live_slot_unique" on "sessions" ("worker_id", "slot_no") where "slot_no" is not null;`);
    // A live session holds a slot; an ended one has let go of it.
    this.addSql(
      `alter table "sessions" add constraint "sessions_slot_held_check" check ((state in ('DELETED','FAILED','EXPIRED')) = (slot_no is null) or worker_id is null);`,
    );
  }
}
