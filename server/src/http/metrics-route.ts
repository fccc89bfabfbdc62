import { Router } from 'express';
import { metricsAccess } from './metrics-access.js';
import { sendError } from './error-response.js';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import type { Metrics } from '../observability/metrics.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

/**
 * `/metrics` in the Prometheus text format, for whom {@link metricsAccess} lets in: 401 without
 * VDI_METRICS_TOKEN (when one is set), 404 for a remote caller when none is.
 */
export function metricsRouter(metrics: Metrics, token: string | undefined, formatError: FormatError): Router {
  const router = Router();
  const allowed = metricsAccess(token);
  router.get('/metrics', async (req, res) => {
    const verdict = allowed(req);
    if (verdict === 401) {
      const refusal = new DomainError(ErrorCode.UNAUTHENTICATED, 'Send VDI_METRICS_TOKEN as "Authorization: Bearer <token>"');
      return sendError(res, 401, formatThrown(formatError, refusal), { 'www-authenticate': 'Bearer' });
    }
    if (verdict === 404) return sendError(res, 404, formatThrown(formatError, new DomainError(ErrorCode.NOT_FOUND, 'Not found')));
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
