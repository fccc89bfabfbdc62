import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ExamImage } from './exam-image.js';

/** A build context whose build.sh writes its pid, says it started, and takes a minute. */
function slowContext(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vdi-slow-build-'));
  writeFileSync(path.join(dir, 'build.sh'), `#!/bin/sh\necho $$ > "${dir}/pid"\necho started\nsleep 60\n`, { mode: 0o755 });
  return dir;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('an exam image build when the worker stops', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is ended with its process group and logged as stopped, not as a failure; none starts afterwards', async () => {
    const dir = slowContext();
    dirs.push(dir);
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    // An engine without the image (its presence matters only to a build that fails, and to ensure()).
    const engine = { getImage: () => ({ inspect: () => Promise.reject(new Error('no such image')) }) } as unknown as Docker;
    const image = new ExamImage(engine, 'vdi-exam-stop-test:latest', dir, {}, logger);
    const refreshed = image.refresh();
    while (!lines.some((l) => l.msg.endsWith('started'))) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    // In a process group of its own: a terminal's Ctrl-C (to the worker's group) does not reach it.
    expect(Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2])).toBe(pid);

    image.stop();
    await expect(refreshed).resolves.toBeUndefined();
    expect(alive(pid)).toBe(false);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.at(-1)!.msg).toBe('the exam image build was stopped with the worker');
    await expect(image.ensure()).rejects.toThrow(/not built: the worker is stopping/);
  });
});
