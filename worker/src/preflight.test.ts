import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNamespace, probeFrom } from './preflight.js';

describe("a failed preflight's view of the desktop's network", () => {
  it("shows a namespace's IPv4 addresses and routes on one line, as `ip` has them", async () => {
    const line = await describeNamespace(process.pid);
    const route = execFileSync('ip', ['-4', 'route']).toString().split('\n')[0]!.replace(/\s+/g, ' ').trim();
    expect(line).not.toMatch(/\n/);
    expect(line).toContain(route);
  });

  it('says why when the namespace cannot be read', async () => {
    expect(await describeNamespace(2 ** 22 + 1)).toMatch(/^unreadable \(.*No such file/);
  });
});

describe('a preflight probe', () => {
  let dir: string;
  let server: net.Server;
  let port: number;
  const saved = { HOME: process.env.HOME, SHLVL: process.env.SHLVL, BASH_ENV: process.env.BASH_ENV };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-probe-home-'));
    // Startup files a host may have: each leaves a mark.
    fs.writeFileSync(path.join(dir, '.bashrc'), `touch ${dir}/bashrc-ran\n`);
    fs.writeFileSync(path.join(dir, 'env.sh'), `touch ${dir}/bash-env-ran\n`);
    server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs none of the host's shell startup files, however the worker was started", async () => {
    // As under systemd (SHLVL unset or 0, which makes bash with a socket for stdin read ~/.bashrc), with BASH_ENV set.
    Object.assign(process.env, { HOME: dir, SHLVL: '0', BASH_ENV: path.join(dir, 'env.sh') });
    const result = await probeFrom(process.pid, `127.0.0.1:${port}`, 3);
    expect(result).toEqual({ target: `127.0.0.1:${port}`, answered: true, detail: 'connection opened' });
    expect(fs.readdirSync(dir).sort()).toEqual(['.bashrc', 'env.sh']);
  });
});
