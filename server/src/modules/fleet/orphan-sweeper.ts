import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkerCommandKind } from '../workers/worker-command.entity.js';
import type { WorkerCommandsService } from '../workers/worker-commands.service.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';
import { ORPHANS_PARAMS, ORPHANS_SQL } from './orphan-containers.js';

/**
 * Adopts or removes what workers report: a labelled container whose session is live on that
 * worker is kept; any other (unknown session, ended session, another worker's) is ordered stopped.
 * This is what makes a restarted worker or control plane converge without help.
 */
export class OrphanSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: WorkerCommandsService,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask('orphan sweep', intervalMs, () => this.pass(), logger);
  }

  start(): void {
    this.task.start();
  }

  /** One pass over every worker's last reported inventory, now. */
  sweep(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const em = this.orm.em.fork();
    const orphans = await em.execute<{ worker_id: string; name: string; session_id: string | null }[]>(ORPHANS_SQL, [...ORPHANS_PARAMS]);
    if (orphans.length === 0) return;
    await em.transactional(async (tx) => {
      for (const o of orphans) this.commands.enqueue(tx, o.worker_id, WorkerCommandKind.STOP_CONTAINER, { name: o.name, sessionId: o.session_id }, null);
    });
    for (const workerId of new Set(orphans.map((o) => o.worker_id))) this.commands.announce(workerId);
    this.logger.info({ containers: orphans.map((o) => o.name) }, 'ordered orphan containers stopped');
  }

  dispose(): Promise<void> {
    return this.task.dispose();
  }
}
