import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * Addresses a test creates for itself on this host (private /32s on the loopback interface), with an
 * HTTP server on each: one the desktop is allowed to reach, one it must not. Traffic never leaves
 * the machine.
 */
export interface TestTargets {
  allowed: { ip: string; port: number; url: string; hits: () => number };
  blocked: { ip: string; port: number; hits: () => number };
  dispose(): Promise<void>;
}

/** The colour of the kiosk test page, so a screenshot can prove it is on screen. */
export const KIOSK_RGB = [0, 200, 80] as const;

export async function createTestTargets(): Promise<TestTargets> {
  if (process.getuid?.() !== 0) throw new Error('the egress suites need root (iptables and addresses of their own); run them as root');
  const { allowedIp, blockedIp } = claimAddressPair();
  let allowedHits = 0;
  let blockedHits = 0;
  const page = `<!doctype html><html><head><title>Exam site</title></head><body style="margin:0;background:rgb(${KIOSK_RGB.join(',')})"><h1 style="color:#fff;font:48px sans-serif;padding:40px">Exam site (test)</h1></body></html>`;
  const allowed = http.createServer((_req, res) => {
    allowedHits++;
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  const blocked = http.createServer((_req, res) => {
    blockedHits++;
    res.end('you should not see this');
  });
  const listen = (s: http.Server, ip: string) => new Promise<number>((r) => s.listen(0, ip, () => r((s.address() as { port: number }).port)));
  const allowedPort = await listen(allowed, allowedIp);
  const blockedPort = await listen(blocked, blockedIp);
  return {
    allowed: { ip: allowedIp, port: allowedPort, url: `http://${allowedIp}:${allowedPort}/`, hits: () => allowedHits },
    blocked: { ip: blockedIp, port: blockedPort, hits: () => blockedHits },
    async dispose() {
      allowed.closeAllConnections();
      blocked.closeAllConnections();
      await Promise.all([new Promise((r) => allowed.close(r)), new Promise((r) => blocked.close(r))]);
      execFileSync('ip', ['addr', 'del', `${allowedIp}/32`, 'dev', 'lo']);
      execFileSync('ip', ['addr', 'del', `${blockedIp}/32`, 'dev', 'lo']);
    },
  };
}

/**
 * Adds a free pair of test addresses to lo. Adding an address is atomic, so it is also the claim:
 * suites running at the same moment (or an address left by a killed run) make it try another pair.
 * Desktops reach these through the host's INPUT path, exactly like the host's own services.
 */
function claimAddressPair(): { allowedIp: string; blockedIp: string } {
  const add = (ip: string) => {
    try {
      execFileSync('ip', ['addr', 'add', `${ip}/32`, 'dev', 'lo'], { stdio: 'pipe' });
      return true;
    } catch (err) {
      if (/already assigned|File exists/i.test(String((err as { stderr?: Buffer }).stderr ?? ''))) return false;
      throw err;
    }
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    const octet = 10 + (randomBytes(1)[0]! % 200);
    const allowedIp = `10.213.${octet}.1`;
    const blockedIp = `10.214.${octet}.1`;
    if (!add(allowedIp)) continue;
    if (add(blockedIp)) return { allowedIp, blockedIp };
    execFileSync('ip', ['addr', 'del', `${allowedIp}/32`, 'dev', 'lo']);
  }
  throw new Error('no free pair of test addresses in 10.213.0.0/16 and 10.214.0.0/16 after 50 tries (leftovers on lo? `ip -4 addr show lo`)');
}

/** The rules of the egress chains now (iptables -S), for assertions. */
export function vdiChains(): string[] {
  return [
    ...execFileSync('iptables', ['-w', '-S'])
      .toString()
      .matchAll(/^-N (VDI-\S+)$/gm),
  ].map((m) => m[1]!);
}
