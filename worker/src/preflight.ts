import { execFile } from 'node:child_process';

/** One probe's outcome. */
export interface ProbeResult {
  target: string;
  answered: boolean;
  detail: string;
}

/**
 * Opens a TCP connection to `target` (host:port) from inside a container's network namespace
 * (nsenter into the process `pid`), so the probe crosses exactly the rules the desktop's own
 * traffic crosses. `answered` is true when the connection opened; a refused connection counts as
 * reached (the packet got there), a timeout or an unreachable network as not.
 */
export function probeFrom(pid: number, target: string, timeoutSec: number): Promise<ProbeResult> {
  const [host, port] = splitTarget(target);
  const script = `exec 3<>/dev/tcp/${host}/${port} && echo open`;
  return new Promise((resolve) => {
    execFile('timeout', [String(timeoutSec), 'nsenter', '-t', String(pid), '-n', 'bash', '-c', script], (err, stdout, stderr) => {
      if (!err && stdout.includes('open')) return resolve({ target, answered: true, detail: 'connection opened' });
      const text = stderr.trim();
      if (/refused/i.test(text)) return resolve({ target, answered: true, detail: 'connection refused (the packet reached it)' });
      const code = (err as { code?: number } | null)?.code;
      resolve({ target, answered: false, detail: code === 124 ? `no answer within ${timeoutSec} s` : text || `failed (${code})` });
    });
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
