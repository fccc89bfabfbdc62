import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../observability/logger.js';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import { sendError } from './error-response.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

/** How long /readyz waits for the database before answering 503 (a load balancer's probe must not hang). */
const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process is alive and serving (a restart would not help while the database is down).
 * `/readyz`: the database answers now; 503 while it does not (down, restarting, pool exhausted),
 * with DATABASE_UNAVAILABLE in the body every error answer has.
 */
export function opsRouter(orm: MikroORM, logger: Logger, formatError: FormatError): Router {
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
      const down = new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database does not answer; see the server log');
      sendError(res, 503, formatThrown(formatError, down));
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
