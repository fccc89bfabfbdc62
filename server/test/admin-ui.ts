import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let built: string | undefined;

/**
 * Builds the admin SPA (Vite) into a folder of its own, once per test process, and returns it:
 * start a server with `VDI_ADMIN_UI_DIST` set to it. A folder of its own, so suites running at
 * once (and people building admin-ui/dist) do not overwrite each other's files.
 */
export function buildAdminUi(): string {
  if (built) return built;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-admin-ui-'));
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: path.join(root, 'admin-ui'),
    stdio: 'inherit',
  });
  if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error(`the admin UI build wrote no index.html into ${outDir}`);
  built = outDir;
  return outDir;
}
