import { Migration } from '@mikro-orm/migrations';

/** Exams with their rosters and sticky seats, warm-pool targets, and the attention flag on sessions. */
export class Migration20261123040000_exams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "exams" ("id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, "product_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "expected_candidates" int not null, "prewarm_target" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "exams_pkey" primary key ("id"),
      constraint "exams_window_check" check ("ends_at" > "starts_at"),
      constraint "exams_counts_check" check ("expected_candidates" >= 0 and "prewarm_target" >= 0));`);
    this.addSql(`alter table "exams" add constraint "exams_code_unique" unique ("code");`);
    this.addSql(`alter table "exams" add constraint "exams_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade;`);

    this.addSql(
      `create table "exam_candidates" ("id" uuid not null, "exam_id" uuid not null, "user_id" uuid not null, "sticky_worker_id" uuid null, "sticky_until" timestamptz null, "created_at" timestamptz not null default now(), constraint "exam_candidates_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "exam_candidates" add constraint "exam_candidates_exam_id_user_id_unique" unique ("exam_id", "user_id");`);
    this.addSql(
      `alter table "exam_candidates" add constraint "exam_candidates_exam_id_foreign" foreign key ("exam_id") references "exams" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "exam_candidates" add constraint "exam_candidates_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "exam_candidates" add constraint "exam_candidates_sticky_worker_id_foreign" foreign key ("sticky_worker_id") references "workers" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "sessions" add column "exam_id" uuid null, add column "attention" text null;`);
    this.addSql(`alter table "sessions" add constraint "sessions_exam_id_foreign" foreign key ("exam_id") references "exams" ("id") on update cascade;`);
    this.addSql(`create index "sessions_exam_id_state_index" on "sessions" ("exam_id", "state");`);
    // The warm pool is searched on every join: unowned WARM desktops by product.
    this.addSql(`create index "sessions_warm_pool_index" on "sessions" ("product_id", "created_at") where "state" = 'WARM' and "owner_id" is null;`);

    this.addSql(
      `alter table "products" add column "prewarm_target" int not null default 0, add constraint "products_prewarm_target_check" check ("prewarm_target" >= 0);`,
    );
  }
}
