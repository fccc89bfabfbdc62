/**
 * Where the CPU went in a window of a run: reads the V8 CPU profiles a bench wrote with
 * BENCH_PROFILE_DIR (the control plane's and the worker's, `--cpu-prof`) and prints, per process
 * and window, the busy time and the functions with the most self time, and the files they sit in.
 * Usage: tsx bench/profile-window.ts <BENCH_PROFILE_DIR> [top=25]
 * Windows come from `<dir>/windows.txt` (lines `name fromUs toUs`, e.g. written by doors-open).
 */
import fs from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!dir) throw new Error('usage: tsx bench/profile-window.ts <BENCH_PROFILE_DIR> [top]');
const windows = fs
  .readFileSync(path.join(dir, 'windows.txt'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split(' '))
  .map(([name, from, to]) => ({ name: name!, from: Number(from), to: Number(to) }));

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '~/')
    .replace(/^.*\/(server|worker)\/(src|dist)\//, '$1/');

for (const sub of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of fs.readdirSync(path.join(dir, sub.name)).filter((f) => f.endsWith('.cpuprofile'))) {
    const prof = JSON.parse(fs.readFileSync(path.join(dir, sub.name, file), 'utf8')) as Profile;
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    /** The project's own functions on a sample's stack (each once): their inclusive time. */
    const ownOnStack = (id: number): string[] => {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)!.callFrame;
        if (/\/(server|worker)\/(src|dist)\//.test(f.url) && !f.url.includes('node_modules'))
          seen.add(`${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`);
      }
      return [...seen];
    };
    for (const w of windows) {
      const self = new Map<string, number>();
      const files = new Map<string, number>();
      const inclusive = new Map<string, number>();
      let t = prof.startTime;
      let busy = 0;
      let idle = 0;
      for (let i = 0; i < prof.samples.length; i++) {
        t += prof.timeDeltas[i]!;
        if (t < w.from || t > w.to) continue;
        const dt = prof.timeDeltas[i + 1] ?? 0;
        const n = byId.get(prof.samples[i]!)!;
        const name = n.callFrame.functionName || '(anonymous)';
        if (name === '(idle)') {
          idle += dt;
          continue;
        }
        busy += dt;
        const key = `${name} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + dt);
        for (const k of ownOnStack(n.id)) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
        const f = short(n.callFrame.url) || name;
        files.set(f, (files.get(f) ?? 0) + dt);
      }
      if (busy + idle === 0) continue;
      const ms = (us: number) => (us / 1000).toFixed(1);
      console.log(`\n== ${sub.name}/${file} ${w.name}: ${ms(w.to - w.from)} ms window, busy ${ms(busy)} ms, idle ${ms(idle)} ms`);
      console.log('  files:');
      for (const [k, v] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${ms(v).padStart(8)} ms  ${k}`);
      console.log('  own functions (inclusive):');
      for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${ms(v).padStart(8)} ms  ${k}`);
      console.log('  functions (self):');
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${ms(v).padStart(8)} ms  ${k}`);
    }
  }
}
