import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_UI = path.join(ROOT, 'admin-ui');
const DIST = path.join(ADMIN_UI, 'dist');
const LOCK = path.join(ADMIN_UI, '.build-lock');

/** The newest modification time among the files a build reads (tests excluded). */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (!/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether `admin-ui/dist` is missing or older than any file in `admin-ui/src`, `index.html` or `vite.config.ts`. */
export function adminUiBuildIsStale(): boolean {
  const built = path.join(DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const inputs = Math.max(
    newestSourceMtime(path.join(ADMIN_UI, 'src')),
    ...['index.html', 'vite.config.ts'].map((f) => fs.statSync(path.join(ADMIN_UI, f)).mtimeMs),
  );
  return fs.statSync(built).mtimeMs < inputs;
}

/** Holds a lock directory while `fn` runs: test runs started side by side build once, one after the other. */
async function withBuildLock(fn: () => void): Promise<void> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than 5 minutes belongs to a run that died mid-build.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the admin SPA (`vite build`) when its build is missing or stale, so browser suites test
 * the code in the tree. The build goes to a fresh folder that then replaces `dist/` in one rename,
 * keeping the previous build's hashed assets: a server already serving pages to another run keeps
 * finding the chunks its pages ask for. Throws with Vite's output when the build fails.
 */
export async function buildAdminUiIfStale(): Promise<void> {
  if (!adminUiBuildIsStale()) return;
  await withBuildLock(() => {
    if (!adminUiBuildIsStale()) return;
    process.stderr.write('[global-setup] admin-ui/dist is missing or older than admin-ui/src: running vite build…\n');
    const started = Date.now();
    const out = path.join(ADMIN_UI, `.dist-${process.pid}`);
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', out, '--emptyOutDir'], {
      cwd: ADMIN_UI,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) {
      fs.rmSync(out, { recursive: true, force: true });
      throw new Error(`admin-ui build failed (vite build exited ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
    const oldAssets = path.join(DIST, 'assets');
    if (fs.existsSync(oldAssets)) fs.cpSync(oldAssets, path.join(out, 'assets'), { recursive: true, force: false, errorOnExist: false });
    const old = path.join(ADMIN_UI, `.dist-old-${process.pid}`);
    if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
    fs.renameSync(out, DIST);
    fs.rmSync(old, { recursive: true, force: true });
    process.stderr.write(`[global-setup] admin-ui built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
}
