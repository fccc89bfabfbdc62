import { Migration } from '@mikro-orm/migrations';

/**
 * Heartbeat history: one row per worker per minute, summed by the heartbeat flush and pruned
 * after VDI_HEARTBEAT_HISTORY_DAYS; the worker chart and the exam export read it.
 */
export class Migration20261202146100_heartbeat_samples extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "heartbeat_samples" ("worker_id" uuid not null, "bucket" timestamptz not null, "heartbeats" int not null, "cpu_sum" double precision null, "cpu_count" int not null default 0, "cpu_max_percent" double precision null, "memory_sum" double precision null, "memory_count" int not null default 0, "memory_max_mb" int null, "memory_total_mb" int null, "live_sessions" int not null, "max_sessions" int not null, constraint "heartbeat_samples_pkey" primary key ("worker_id", "bucket"));`,
    );
    this.addSql(`create index "heartbeat_samples_bucket_index" on "heartbeat_samples" ("bucket");`);
  }
}
