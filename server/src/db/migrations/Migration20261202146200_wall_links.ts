import { Migration } from '@mikro-orm/migrations';

/** Wall links: revocable read-only credentials for wall displays; only the secret's hash is kept. */
export class Migration20261202146200_wall_links extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "wall_links" ("id" uuid not null, "name" varchar(128) not null, "secret_hash" varchar(64) not null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "revoked_at" timestamptz null, constraint "wall_links_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "wall_links" add constraint "wall_links_secret_hash_unique" unique ("secret_hash");`);
  }
}
