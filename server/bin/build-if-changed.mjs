#!/usr/bin/env node
// `npm start`'s build step: rebuilds the server and the web app only when their sources, build
// settings or locked dependencies changed since the last successful build (a content hash kept
// in server/dist/.sources-hash), so a second start takes seconds, not a full build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inputs = [
  'server/src',
  'server/tsconfig.build.json',
  'server/package.json',
  'admin-ui/src',
  'admin-ui/index.html',
  'admin-ui/vite.config.ts',
  'admin-ui/tsconfig.json',
  'admin-ui/package.json',
  'tsconfig.base.json',
  'package-lock.json',
];
const outputs = ['server/dist/main.js', 'admin-ui/dist/index.html'];
const stampFile = path.join(root, 'server/dist/.sources-hash');

/** Every input file (tests excluded: they are not built), in a stable order. */
function files(p) {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return [];
  if (!fs.statSync(abs).isDirectory()) return [p];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (/\.test\.tsx?$/.test(e.name) ? [] : files(path.join(p, e.name))));
}

/** A hash of every input file's path and content. */
function sourcesHash() {
  const hash = createHash('sha256');
  for (const f of inputs.flatMap(files))
    hash
      .update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(root, f)))
      .update('\0');
  return hash.digest('hex');
}

const current = sourcesHash();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
if (built === current && outputs.every((o) => fs.existsSync(path.join(root, o)))) {
  process.stdout.write('Build is up to date (sources unchanged since the last build).\n');
} else {
  process.stdout.write(built ? 'Sources changed since the last build: building…\n' : 'First start: building the server and the web app…\n');
  // What ships is a production build, whatever NODE_ENV the caller runs under (a test runner sets `test`).
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(stampFile, `${current}\n`);
}
