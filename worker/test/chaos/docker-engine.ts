import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Where the restarted engine writes its output (the same file scripts/test-prerequisites.sh uses). */
const ENGINE_LOG = '/var/log/vdi-test-dockerd.log';

/** True when `docker info` answers within a few seconds. */
export function engineAnswers(): Promise<boolean> {
  return new Promise((resolve) => execFile('docker', ['info'], { timeout: 5_000 }, (err) => resolve(!err)));
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The running engine's pid: its pid file, or the process table when the file is missing. */
function enginePid(): number {
  const fromFile = Number(fs.readFileSync('/var/run/docker.pid', 'utf8').trim() || 0);
  if (fromFile && alive(fromFile)) return fromFile;
  return Number(execFileSync('pidof', ['-s', 'dockerd'], { encoding: 'utf8' }).trim());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the Docker Engine as a service manager does (SIGTERM) and waits until it no longer
 * answers and its process is gone (the engine stops its containers on the way out).
 */
export async function stopEngine(): Promise<void> {
  const pid = enginePid();
  process.kill(pid, 'SIGTERM');
  await until('the engine to stop answering', async () => !(await engineAnswers()), 30_000);
  await until('the engine process to exit', () => !alive(pid), 30_000);
}

/**
 * Starts the engine as scripts/test-prerequisites.sh does, in its own session so it outlives the
 * test process, and waits until it answers.
 */
export async function startEngine(): Promise<void> {
  execFileSync('bash', ['-c', `setsid nohup dockerd >${ENGINE_LOG} 2>&1 < /dev/null &`], { stdio: 'ignore' });
  await until('the engine to answer again', engineAnswers, 60_000);
}
