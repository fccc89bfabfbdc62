/**
 * The console's first-load weight: the entry script of `admin-ui/dist/index.html`, every chunk it
 * preloads (its static imports) and its stylesheets, gzipped as a browser would receive them.
 * Run after `npm run build -w admin-ui`: `npm run bench:bundle`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The build to weigh: `admin-ui/dist`, or another output folder named by `BUNDLE_DIST`. */
const DIST = process.env.BUNDLE_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../admin-ui/dist');

/** One built file and its gzip size in bytes. */
interface Asset {
  file: string;
  gzip: number;
}

/** Gzip size (level 9, as the server's compression would send it at best) of a file under dist/. */
function gzipSize(file: string): number {
  return gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
}

/** The `/assets/...` paths an attribute names in index.html for the given tag pattern. */
function assetsIn(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/^\//, ''));
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

function main(): void {
  const indexHtml = path.join(DIST, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new Error('admin-ui/dist/index.html is missing: run `npm run build -w admin-ui` first');
  const html = fs.readFileSync(indexHtml, 'utf8');
  const scripts = [...assetsIn(html, /<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...assetsIn(html, /<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const styles = assetsIn(html, /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const js: Asset[] = [...new Set(scripts)].map((file) => ({ file, gzip: gzipSize(file) }));
  const css: Asset[] = [...new Set(styles)].map((file) => ({ file, gzip: gzipSize(file) }));
  const sum = (list: Asset[]) => list.reduce((n, a) => n + a.gzip, 0);

  console.log(`initial JS   ${kB(sum(js))} gzip (${js.length} files)`);
  console.log(`initial CSS  ${kB(sum(css))} gzip (${css.length} files)`);
  console.log(`total        ${kB(sum(js) + sum(css))} gzip`);
  console.log('\nlargest initial files:');
  for (const a of [...js, ...css].sort((x, y) => y.gzip - x.gzip).slice(0, 10)) console.log(`  ${kB(a.gzip).padStart(10)}  ${a.file}`);

  const all = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const lazy = all.map((f) => ({ file: `assets/${f}`, gzip: gzipSize(`assets/${f}`) })).filter((a) => !scripts.includes(a.file) && !styles.includes(a.file));
  console.log(`\nlargest lazy chunks (${kB(sum(lazy))} gzip in ${lazy.length} files):`);
  for (const a of lazy.sort((x, y) => y.gzip - x.gzip).slice(0, 8)) console.log(`  ${kB(a.gzip).padStart(10)}  ${a.file}`);
}

main();
