import { execFile } from 'node:child_process';

/** One probe's outcome. */
export interface ProbeResult {
  target: string;
  answered: boolean;
  detail: string;
}

/**
 * The probe shell's whole environment. Bash started with a socket for stdin (as Node starts its
 * children) and SHLVL unset or 0 (as under systemd) takes itself for a remote shell and runs
 * ~/.bashrc, and any non-interactive bash runs $BASH_ENV: a slow or noisy startup file of the
 * host's would otherwise be in every probe (one that takes 0.7 s on an idle host outlasts the 3 s
 * budget on a busy one and fails the desktop). `--norc --noprofile` and this environment keep the
 * probe to its one connect; the C locale keeps bash's error text in English for the verdict below.
 */
const PROBE_ENV = { PATH: process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };

/**
 * Opens a TCP connection to `target` (host:port) from inside a network namespace (nsenter into
 * the process `pid`: the desktop's, or the holder's whose namespace the desktop joins), so the
 * probe crosses exactly the rules the desktop's own traffic crosses. `answered` is true when the
 * connection opened; a refused connection counts as reached (the packet got there), a timeout or
 * an unreachable network as not. `signal` ends the probe early (its result then means nothing).
 */
export function probeFrom(pid: number, target: string, timeoutSec: number, signal?: AbortSignal): Promise<ProbeResult> {
  const [host, port] = splitTarget(target);
  const script = `exec 3<>/dev/tcp/${host}/${port} && echo open`;
  return new Promise((resolve) => {
    execFile(
      'nsenter',
      ['-t', String(pid), '-n', 'bash', '--norc', '--noprofile', '-c', script],
      { timeout: timeoutSec * 1000, killSignal: 'SIGKILL', signal, env: PROBE_ENV },
      (err, stdout, stderr) => {
        if (!err && stdout.includes('open')) return resolve({ target, answered: true, detail: 'connection opened' });
        // bash says why last: "bash: line 1: /dev/tcp/host/port: No route to host".
        const text = stderr.trim().split(': ').at(-1) ?? '';
        if (/refused/i.test(text)) return resolve({ target, answered: true, detail: 'connection refused (the packet reached it)' });
        const failed = err as { killed?: boolean; code?: number | string } | null;
        resolve({ target, answered: false, detail: failed?.killed ? `no answer within ${timeoutSec} s` : text || `failed (${failed?.code})` });
      },
    );
  });
}

/**
 * The IPv4 addresses and routes of the network namespace of `pid` on one line (`ip -4` run in
 * it), or why they could not be read: what a failed preflight shows next to its probes.
 */
export function describeNamespace(pid: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'nsenter',
      ['-t', String(pid), '-n', 'sh', '-c', 'ip -4 -o addr show scope global; ip -4 route'],
      { timeout: 2000, killSignal: 'SIGKILL', env: PROBE_ENV },
      (err, stdout, stderr) => {
        const lines = stdout
          .split('\n')
          .map((l) => l.replace(/\\\s+/g, ' ').replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        resolve(lines.length ? lines.join('; ') : `unreadable (${(stderr || (err as Error | null)?.message || 'no addresses, no routes').trim()})`);
      },
    );
  });
}

function splitTarget(target: string): [string, number] {
  const i = target.lastIndexOf(':');
  const host = target.slice(0, i);
  const port = Number(target.slice(i + 1));
  if (!/^[A-Za-z0-9.-]+$/.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a host:port probe target: ${target}`);
  return [host, port];
}

/** The host:port a URL's server listens on. */
export function targetOfUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`;
}
