import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import { sendError } from './error-response.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

/** Where `npm run build -w admin-ui` writes the SPA. */
export const ADMIN_UI_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin-ui/dist');

/**
 * The built admin SPA at `/`: its files, and `index.html` for its client-side routes
 * (`/login`, `/viewer/:sessionId`, …). Without a build, `/` answers 503 with the error body every
 * error answer has (NOT_FOUND: there is no page to serve yet) saying how to make one.
 */
export function adminSpaRouter(formatError: FormatError, dist = ADMIN_UI_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
  router.get(/^\/(?!graphql|healthz|readyz|metrics|desktop\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      const notBuilt = new DomainError(ErrorCode.NOT_FOUND, 'The admin UI is not built: run `npm run build` (npm start does it).');
      return sendError(res, 503, formatThrown(formatError, notBuilt));
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
