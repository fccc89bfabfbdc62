import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, ensureLinuxDesktopImage, requireDocker } from './worker-harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMAGE = process.env.VPS_LINUX_IMAGE ?? 'vdi-linux-desktop:latest';
const LOGIN_CHECK = path.join(root, 'linux-desktop/rdp-login-check.sh');
const VNC_PROBE = path.join(root, 'linux-desktop/vnc-probe.mjs');
const run = promisify(execFile);

/** A script's exit code and output (never throws on a non-zero exit). */
async function script(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(file, args, { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e: any) {
    return { code: typeof e.code === 'number' ? e.code : -1, out: String(e.stdout ?? ''), err: String(e.stderr ?? e.message) };
  }
}
const rdpLogin = (port: number, user: string, password: string, env: Record<string, string> = {}) =>
  script(LOGIN_CHECK, ['127.0.0.1', String(port), user, password], env);
const vnc = (port: number, password: string, ...steps: string[]) => script(process.execPath, [VNC_PROBE, '127.0.0.1', String(port), password, ...steps]);

/** True when an RDP server replies to an X.224 Connection Request (Docker's proxy alone accepts TCP). */
function rdpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 2000);
    s.once('connect', () => s.write(Buffer.from([3, 0, 0, 19, 14, 0xe0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 3, 0, 0, 0])));
    s.once('data', (d: Buffer) => done(d[0] === 3));
    s.once('error', () => done(false));
  });
}

/** Exit code and output of a command run in the container as `user`. */
const execAs = (id: string, user: string, cmd: string) => script('docker', ['exec', '-u', user, id, 'bash', '-c', cmd]);

interface Desktop {
  id: string;
  rdp: number;
  vnc: number;
  startedAt: number;
}

describe('the VPS Linux desktop image (linux-desktop/): one display, an RDP door and a VNC door', () => {
  const user = 'alice';
  // The first 8 characters are all classic VNC auth reads; RDP must check the rest too.
  const password = `Pw8chars-${randomBytes(6).toString('hex')}`;
  const started: string[] = [];
  let caps: string[];
  let desk: Desktop;

  /** Starts the image as the worker does: all capabilities dropped but the label's, limits, ports on loopback only. */
  async function start(env: Record<string, string>, opts: { sudo?: boolean } = {}): Promise<Desktop> {
    const c = await docker.createContainer({
      name: `vdi-ld-test-${randomBytes(4).toString('hex')}`,
      Image: IMAGE,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ExposedPorts: { '3389/tcp': {}, '5901/tcp': {} },
      HostConfig: {
        NanoCpus: 1e9,
        Memory: 1024 * 1048576,
        MemorySwap: 1024 * 1048576,
        ShmSize: 256 * 1048576,
        PidsLimit: 512,
        SecurityOpt: opts.sudo ? [] : ['no-new-privileges:true'],
        CapDrop: ['ALL'],
        CapAdd: caps,
        PortBindings: { '3389/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '5901/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      },
    });
    started.push(c.id);
    const startedAt = Date.now();
    await c.start();
    // A container that has already exited (a refused start) has no published ports.
    const ports = (await c.inspect()).NetworkSettings.Ports ?? {};
    const port = (p: string) => Number(ports[p]?.[0]?.HostPort ?? 0);
    return { id: c.id, rdp: port('3389/tcp'), vnc: port('5901/tcp'), startedAt };
  }
  const logs = async (id: string) => (await docker.getContainer(id).logs({ stdout: true, stderr: true })).toString('latin1');

  beforeAll(async () => {
    await requireDocker();
    const t0 = Date.now();
    ensureLinuxDesktopImage(IMAGE);
    console.log(`[figures] image ${IMAGE} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (0 when it was present)`);
    caps = String((await docker.getImage(IMAGE).inspect()).Config.Labels?.['vdi.cap-add'] ?? '')
      .split(',')
      .filter(Boolean);
  }, 3_600_000);
  afterAll(async () => {
    for (const id of started)
      await docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('labels its ports and the few capabilities it needs, and holds no setuid program', async () => {
    const labels = (await docker.getImage(IMAGE).inspect()).Config.Labels ?? {};
    expect(labels['vdi.display-port']).toBe('5901');
    expect(labels['vdi.rdp-port']).toBe('3389');
    expect(caps).toEqual(['CHOWN', 'SETUID', 'SETGID', 'KILL', 'AUDIT_WRITE']);
    const r = await run('docker', ['run', '--rm', '--entrypoint', 'find', IMAGE, '/', '-xdev', '-perm', '/6000', '-type', 'f']);
    expect(r.stdout.trim()).toBe('');
  }, 120_000);

  it('starts under the worker restrictions: RDP answers, then the right password logs in', async () => {
    desk = await start({ VDI_USERNAME: user, VDI_PASSWORD: password, VDI_SESSION_ID: 'image-test' });
    let answeredMs = 0;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && !answeredMs; ) {
      if (await rdpAnswers(desk.rdp)) answeredMs = Date.now() - desk.startedAt;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(answeredMs, await logs(desk.id)).toBeGreaterThan(0);
    const login = await rdpLogin(desk.rdp, user, password);
    const loginMs = Date.now() - desk.startedAt;
    expect(login, await logs(desk.id)).toMatchObject({ code: 0, out: expect.stringContaining(`logged in to 127.0.0.1:${desk.rdp} as ${user}`) });
    console.log(`[figures] start → RDP answering ${(answeredMs / 1000).toFixed(1)} s; start → RDP login OK ${(loginMs / 1000).toFixed(1)} s`);
    const log = await logs(desk.id);
    expect(log).toContain(`linux-desktop: created user ${user} (uid 1000)`);
    expect(log).toContain('linux-desktop: sudo: not allowed');
    expect(log).toContain('linux-desktop: RDP-READY port 3389');
    expect(log).not.toContain(password);
  }, 300_000);

  it('refuses a wrong password at RDP login, even one that shares its first 8 characters', async () => {
    const wrong = await rdpLogin(desk.rdp, user, `${password}x`);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('user name or password refused');
    const first8 = await rdpLogin(desk.rdp, user, password.slice(0, 8));
    expect(first8.code).not.toBe(0);
    const otherUser = await rdpLogin(desk.rdp, 'root', password);
    expect(otherUser.code).not.toBe(0);
  }, 300_000);

  it('answers VNC with the password, refuses another one', async () => {
    const ok = await vnc(desk.vnc, password);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/^1280x800\n/) });
    const refused = await vnc(desk.vnc, 'not-the-password');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('VNC password refused');
  }, 120_000);

  it('is one desktop: a window opened and a background set through the VNC door show through the RDP door', async () => {
    const colour = `rgb(${[192, 255, 238].join(',')})`;
    /** The colour at x,y through the VNC door, once `until` accepts it (or the last one seen). */
    const vncPixel = async (xy: string, until: (rgb: string) => boolean, timeoutMs = 60_000) => {
      let rgb = '';
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
        rgb = (await vnc(desk.vnc, password, '--pixel', xy)).out.match(/rgb\(\d+,\d+,\d+\)/)?.[0] ?? '';
        if (until(rgb)) break;
      }
      return rgb;
    };
    const wallpaper = await vncPixel('600,300', Boolean);
    expect(wallpaper).not.toBe(colour);
    // Ctrl+Alt+T opens a terminal in the middle of the screen; once it shows, what is typed there
    // sets the desktop background and closes the terminal.
    expect((await vnc(desk.vnc, password, '--keys', 'C-A-t')).code).toBe(0);
    expect(await vncPixel('600,300', (rgb) => rgb !== wallpaper)).not.toBe(wallpaper);
    const typed = await vnc(desk.vnc, password, '--type', "hsetroot -solid '#c0ffee'; exit", '--keys', 'Return');
    expect(typed.code, typed.err).toBe(0);
    expect(await vncPixel('1200,100', (rgb) => rgb === colour)).toBe(colour);
    const viaRdp = await rdpLogin(desk.rdp, user, password, { RDP_CHECK_PIXEL: '1200,100' });
    expect(viaRdp.code, viaRdp.err).toBe(0);
    expect(viaRdp.out).toContain(`pixel 1200,100 ${colour}`);
  }, 300_000);

  it('gives the user no sudo without VDI_SUDO=true', async () => {
    const sudo = await execAs(desk.id, user, `echo '${password}' | sudo -S -k id -u`);
    expect(sudo.code).not.toBe(0);
    expect(sudo.err).toMatch(/no new privileges|setuid bit/);
    expect((await execAs(desk.id, user, 'id -nG')).out).not.toMatch(/\bsudo\b/);
    expect((await execAs(desk.id, 'root', 'find / -xdev -perm /6000 -type f')).out.trim()).toBe('');
  }, 120_000);

  it('stops within a few seconds on docker stop, saying so', async () => {
    const t0 = Date.now();
    await docker.getContainer(desk.id).stop({ t: 10 });
    const stopMs = Date.now() - t0;
    const state = (await docker.getContainer(desk.id).inspect()).State;
    console.log(`[figures] docker stop took ${(stopMs / 1000).toFixed(1)} s`);
    expect(stopMs).toBeLessThan(5000);
    expect(state.ExitCode).toBe(0);
    expect(await logs(desk.id)).toContain('linux-desktop: stopped');
  }, 60_000);

  it('starts again after a stop (docker start): the user is kept, the logins work', async () => {
    await docker.getContainer(desk.id).start();
    const ports = (await docker.getContainer(desk.id).inspect()).NetworkSettings.Ports;
    const rdp = Number(ports['3389/tcp']![0]!.HostPort);
    const vncPort = Number(ports['5901/tcp']![0]!.HostPort);
    // The log holds both runs: ready again once it says RDP-READY a second time.
    const readyTwice = async () => ((await logs(desk.id)).match(/RDP-READY/g) ?? []).length >= 2;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && !(await readyTwice()); ) await new Promise((r) => setTimeout(r, 250));
    expect(await logs(desk.id)).toContain(`linux-desktop: user ${user} exists (uid 1000); updating its password`);
    expect((await rdpLogin(rdp, user, password)).code).toBe(0);
    expect((await rdpLogin(rdp, user, `${password}x`)).code).not.toBe(0);
    expect((await vnc(vncPort, password)).code).toBe(0);
  }, 300_000);

  it('with VDI_SUDO=true (and without no-new-privileges, as the worker starts it) the user may sudo with the password', async () => {
    const d = await start({ VDI_USERNAME: 'bob', VDI_PASSWORD: password, VDI_SUDO: 'true' }, { sudo: true });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && !(await logs(d.id)).includes('RDP-READY'); )
      await new Promise((r) => setTimeout(r, 250));
    expect(await logs(d.id)).toContain('linux-desktop: sudo: allowed for bob');
    const sudo = await execAs(d.id, 'bob', `echo '${password}' | sudo -S -k id -u`);
    expect(sudo).toMatchObject({ code: 0, out: '0\n' });
    expect(sudo.err).not.toContain('unable to send audit message');
    const wrong = await execAs(d.id, 'bob', `echo 'nope' | sudo -S -k id -u`);
    expect(wrong.code).not.toBe(0);
  }, 300_000);

  it('exits non-zero with a reason when it cannot start the desktop', async () => {
    for (const [env, reason] of [
      [{ VDI_USERNAME: user }, 'VDI_PASSWORD is required'],
      [{ VDI_USERNAME: 'root', VDI_PASSWORD: password }, "VDI_USERNAME 'root' is a system account"],
      [{ VDI_USERNAME: 'Not A Name', VDI_PASSWORD: password }, 'is not a valid login name'],
    ] as const) {
      const d = await start(env);
      const end = (await docker.getContainer(d.id).wait()) as { StatusCode: number };
      expect(end.StatusCode).not.toBe(0);
      expect(await logs(d.id)).toContain(reason);
    }
  }, 180_000);
});
