import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/build-if-changed.mjs');

/**
 * A small project laid out like this one, whose `npm run build` counts its runs and writes the
 * outputs `npm start` needs, so the real build step can be exercised in seconds.
 */
function fakeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-build-step-'));
  const write = (p: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  };
  fs.mkdirSync(path.join(dir, 'server/bin'), { recursive: true });
  fs.copyFileSync(script, path.join(dir, 'server/bin/build-if-changed.mjs'));
  write('server/src/main.ts', 'export {};\n');
  write('server/src/main.test.ts', 'test\n');
  write('admin-ui/src/main.tsx', 'export {};\n');
  write('package-lock.json', '{}\n');
  const build = 'echo built >> builds.log && mkdir -p server/dist admin-ui/dist && touch server/dist/main.js admin-ui/dist/index.html';
  write('package.json', JSON.stringify({ name: 'fake', private: true, scripts: { build } }));
  return dir;
}

const start = (dir: string) => execFileSync('node', ['server/bin/build-if-changed.mjs'], { cwd: dir, encoding: 'utf8' });
const builds = (dir: string) => fs.readFileSync(path.join(dir, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;

describe("npm start's build step", () => {
  const dir = fakeProject();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds on the first start, skips the build while sources are unchanged, and builds again after a source, lock file or missing output change', () => {
    expect(start(dir)).toContain('First start: building');
    expect(builds(dir)).toBe(1);
    expect(start(dir)).toContain('up to date');
    // A test file is not built: changing one does not rebuild.
    fs.appendFileSync(path.join(dir, 'server/src/main.test.ts'), 'more\n');
    expect(start(dir)).toContain('up to date');
    expect(builds(dir)).toBe(1);

    fs.appendFileSync(path.join(dir, 'admin-ui/src/main.tsx'), '// changed\n');
    expect(start(dir)).toContain('Sources changed');
    expect(builds(dir)).toBe(2);
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    start(dir);
    expect(builds(dir)).toBe(3);
    fs.rmSync(path.join(dir, 'server/dist/main.js'));
    start(dir);
    expect(builds(dir)).toBe(4);
    expect(start(dir)).toContain('up to date');
    expect(builds(dir)).toBe(4);
  });
});
