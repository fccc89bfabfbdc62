import { Migration } from '@mikro-orm/migrations';

/**
 * A live-session counter on each worker, kept by a trigger on sessions: placement picks the
 * least-loaded worker by reading it instead of counting every worker's sessions per purchase.
 * The slot rows and the unique index stay the guard against over-commit.
 */
export class Migration20261123050000_worker_live_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "workers" add column "live_sessions" int not null default 0;`);
    this.addSql(`update workers w set live_sessions = (select count(*) from sessions s where s.worker_id = w.id and s.slot_no is not null);`);
    this.addSql(`create function sessions_count_live() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'DELETE' and new.slot_no is not null and new.worker_id is not null
           and (tg_op = 'INSERT' or old.slot_no is null or old.worker_id is distinct from new.worker_id) then
          update workers set live_sessions = live_sessions + 1 where id = new.worker_id;
        end if;
        if tg_op <> 'INSERT' and old.slot_no is not null and old.worker_id is not null
           and (tg_op = 'DELETE' or new.slot_no is null or old.worker_id is distinct from new.worker_id) then
          update workers set live_sessions = live_sessions - 1 where id = old.worker_id;
        end if;
        return null;
      end $$;`);
    this.addSql(
      `create trigger sessions_count_live after insert or delete or update of slot_no, worker_id on sessions for each row execute function sessions_count_live();`,
    );
  }
}
