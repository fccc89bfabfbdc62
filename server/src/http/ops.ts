import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../observability/logger.js';

/** How long /readyz waits for the database before answering 503 (a load balancer's probe must not hang). */
const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process is alive and serving (a restart would not help while the database is down).
 * `/readyz`: the database answers now; 503 while it does not (down, restarting, pool exhausted).
 */
export function opsRouter(orm: MikroORM, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      });
      await Promise.race([orm.em.getConnection().execute('select 1'), timeout]);
      res.json({ status: 'ready' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
