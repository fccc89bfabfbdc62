import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A control plane running as its own process. */
export interface LaunchedServer {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `command` as a real process and waits until the control plane in it listens. */
export async function launchServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { ownProcessGroup?: boolean } = {},
): Promise<LaunchedServer> {
  let out = '';
  // In a process group of its own, a signal to the group reaches the server and its children as a terminal's Ctrl-C does.
  const proc = spawn(command, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes('control plane listening')) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, output: () => out, exited };
}
