import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** Where `npm run build -w admin-ui` writes the SPA. */
export const ADMIN_UI_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin-ui/dist');

/**
 * The built admin SPA at `/`: its files, and `index.html` for its client-side routes
 * (`/login`, `/viewer/:sessionId`, …). Without a build, `/` says how to make one.
 */
export function adminSpaRouter(dist = ADMIN_UI_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
  router.get(/^\/(?!graphql|healthz|readyz|metrics|desktop\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) return void res.status(503).type('text/plain').send('The admin UI is not built: run `npm run build` (npm start does it).\n');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
