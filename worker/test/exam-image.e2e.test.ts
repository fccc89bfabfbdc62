import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, requireDocker, requireExamImage } from './worker-harness.js';
import { DEFAULT_EXAM_CONTEXT, ExamImage } from '../src/exam-image.js';
import { warmDisplay } from '../src/display-warmup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const build = (env: Record<string, string>) => spawnSync(path.join(root, 'exam-linux/build.sh'), [], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('the exam desktop image (exam-linux/, built on a debootstrap base when nothing can be pulled)', () => {
  const tag = `vdi-exam-test:${randomBytes(3).toString('hex')}`;
  beforeAll(async () => {
    await requireDocker();
    requireExamImage();
  }, 900_000);
  afterAll(async () => {
    for (const t of [tag, `${tag}-worker`, `${tag}-older`])
      await docker
        .getImage(t)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('builds when missing with its progress shown, says when it is present, and rebuilds with FORCE_REBUILD_EXAM_IMAGE=true', () => {
    const first = build({ EXAM_IMAGE_NAME: tag });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/building vdi-exam-test:\w+ from /);
    expect(first.stdout).toMatch(/^Step 5\/\d+ : RUN apt-get update/m);
    expect(first.stdout).toContain(`built ${tag}`);
    const again = build({ EXAM_IMAGE_NAME: tag });
    expect(again.stdout).toContain(`exam image ${tag} is present`);
    const forced = build({ EXAM_IMAGE_NAME: tag, FORCE_REBUILD_EXAM_IMAGE: 'true' });
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain(`built ${tag}`);
  }, 600_000);

  it('rebuilds an image that was built from other exam-linux/ files (an older profile or policy), then leaves it', () => {
    const older = `${tag}-older`;
    execFileSync('docker', ['build', '-q', '-t', older, '-'], { input: `FROM ${tag}\nLABEL vdi.exam-context=0123456789abcdef\n` });
    const r = build({ EXAM_IMAGE_NAME: older });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`exam image ${older} was built from other exam-linux/ files; rebuilding it`);
    expect(r.stdout).toContain(`built ${older}`);
    const label = execFileSync('docker', ['image', 'inspect', '-f', '{{ index .Config.Labels "vdi.exam-context" }}', older]).toString().trim();
    expect(label).toMatch(/^[0-9a-f]{16}$/);
    expect(label).not.toBe('0123456789abcdef');
    expect(build({ EXAM_IMAGE_NAME: older }).stdout).toContain(`exam image ${older} is present`);
  }, 600_000);

  it('falls back to the debootstrap base when the base image cannot be pulled, and says so', () => {
    const r = build({ EXAM_IMAGE_NAME: tag, FORCE_REBUILD_EXAM_IMAGE: 'true', BASE_IMAGE: 'vdi-no-such-base:none' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cannot pull vdi-no-such-base:none; using a Debian bookworm base made with debootstrap (vdi-debian-base:bookworm)');
  }, 600_000);

  it('is locked down: the candidate account without sudo, no setuid programs, a health check, VNC ready in a moment', async () => {
    const info = await docker.getImage(tag).inspect();
    expect(info.Config.User).toBe('student');
    expect(info.Config.Healthcheck?.Test?.join(' ')).toContain('/dev/tcp/127.0.0.1/5901');
    const check = execFileSync('docker', [
      'run',
      '--rm',
      '--entrypoint',
      'bash',
      tag,
      '-c',
      'command -v sudo || echo no-sudo; find / -xdev -perm /6000 -type f | wc -l; getent passwd student | cut -d: -f7; cat /etc/chromium/policies/managed/exam.json',
    ]).toString();
    expect(check).toMatch(/^no-sudo\n0\n\/usr\/sbin\/nologin\n/);
    expect(JSON.parse(check.split('\n').slice(3).join('\n'))).toMatchObject({ URLBlocklist: ['*'], DeveloperToolsAvailability: 2 });
    const name = `vdi-exam-try-${randomBytes(3).toString('hex')}`;
    execFileSync('docker', [
      'run',
      '-d',
      '--name',
      name,
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      '-e',
      'VNC_PASSWORD=exam-pass-1',
      '-e',
      'EXAM_BROWSER_URL=http://127.0.0.1:9/',
      tag,
    ]);
    try {
      let logs = '';
      for (let i = 0; i < 100 && !logs.includes('VNC-READY'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        logs = execFileSync('docker', ['logs', name]).toString();
      }
      expect(logs).toContain('VNC-READY port 5901');
      // A viewer's login (RFB 3.8, VNC authentication) as the worker's display warm-up does it: the right password in, a wrong one refused.
      const ip = Object.values((await docker.getContainer(name).inspect()).NetworkSettings.Networks).find((n) => n.IPAddress)!.IPAddress;
      await expect(warmDisplay(ip, 5901, 'exam-pass-1')).resolves.toEqual({ width: 1280, height: 800 });
      await expect(warmDisplay(ip, 5901, 'wrong-pass')).rejects.toThrow(/refused the password/);
      // The kiosk browser yields to the display: Xvnc keeps its priority, every Chromium process runs at nice 10.
      const priorities = async () => {
        const out = execFileSync('docker', [
          'exec',
          name,
          'bash',
          '-c',
          'for p in /proc/[0-9]*; do s=$(cat $p/stat 2>/dev/null) && c=$(tr "\\0" " " < $p/cmdline 2>/dev/null | cut -d" " -f1) || continue; [ -n "$s" ] && [ -n "$c" ] && echo "$(echo "$s" | sed "s/.*) //" | cut -d" " -f17) $(basename "$c")"; done',
        ]).toString();
        return out
          .trim()
          .split('\n')
          .map((l) => l.split(' ') as [string, string]);
      };
      let procs = await priorities();
      for (let i = 0; i < 100 && !procs.some(([, c]) => c === 'chromium'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        procs = await priorities();
      }
      expect(procs.filter(([, c]) => c === 'Xvnc').map(([n]) => n)).toEqual(['0']);
      const chromium = procs.filter(([, c]) => c === 'chromium');
      expect(chromium.length).toBeGreaterThan(0);
      expect(new Set(chromium.map(([n]) => n))).toEqual(new Set(['10']));
      // It opened the image's profile as its own (a lock naming the build's machine would stop it).
      expect(execFileSync('docker', ['exec', name, 'cat', '/tmp/chromium.log']).toString()).not.toMatch(/profile appears to be in use/i);
    } finally {
      execFileSync('docker', ['rm', '-f', name]);
    }
  });

  it("holds the kiosk browser's profile, made when the image was built: ended cleanly, with its font caches and no lock left behind", () => {
    const out = execFileSync('docker', [
      'run',
      '--rm',
      '--entrypoint',
      'bash',
      tag,
      '-c',
      'grep -o \'"exit_type":"[A-Za-z]*"\' ~/.chromium/Default/Preferences; ls -A ~/.chromium | grep -c ^Singleton; ls ~/.cache/fontconfig | grep -c cache',
    ]).toString();
    const [exit, locks, fontCaches] = out.trim().split('\n');
    expect(exit).toMatch(/^"exit_type":"(Normal|SessionEnded)"$/);
    expect(Number(locks)).toBe(0);
    expect(Number(fontCaches)).toBeGreaterThan(0);
  });

  it("is built by the worker when missing, with the progress in the waiting session's log", async () => {
    const lines: string[] = [];
    const image = new ExamImage(docker, `${tag}-worker`, DEFAULT_EXAM_CONTEXT, {}, pino({ level: 'silent' }));
    await image.ensure((l) => lines.push(l));
    expect(lines[0]).toMatch(/is not on this worker; building it/);
    expect(lines.some((l) => /^image build: Step \d+\/\d+/.test(l))).toBe(true);
    await expect(docker.getImage(`${tag}-worker`).inspect()).resolves.toBeTruthy();
  }, 600_000);

  it('is checked by the worker at its start: an image from older files is rebuilt; when that fails, desktops use the one that is here', async () => {
    const name = `${tag}-worker`;
    execFileSync('docker', ['build', '-q', '-t', name, '-'], { input: `FROM ${tag}\nLABEL vdi.exam-context=0123456789abcdef\n` });
    const context = () => execFileSync('docker', ['image', 'inspect', '-f', '{{ index .Config.Labels "vdi.exam-context" }}', name]).toString().trim();
    await new ExamImage(docker, name, DEFAULT_EXAM_CONTEXT, {}, pino({ level: 'silent' })).refresh();
    const fresh = context();
    expect(fresh).toMatch(/^[0-9a-f]{16}$/);
    expect(fresh).not.toBe('0123456789abcdef');

    const broken = mkdtempSync(path.join(os.tmpdir(), 'vdi-exam-context-'));
    writeFileSync(path.join(broken, 'build.sh'), '#!/bin/sh\necho "E: unable to reach the package mirror" >&2\nexit 1\n', { mode: 0o755 });
    try {
      const image = new ExamImage(docker, name, broken, {}, pino({ level: 'silent' }));
      const refreshing = image.refresh();
      await expect(image.ensure()).resolves.toBeUndefined();
      await expect(refreshing).resolves.toBeUndefined();
      expect(context()).toBe(fresh);
      const missing = new ExamImage(docker, `${tag}-absent`, broken, {}, pino({ level: 'silent' }));
      await expect(missing.refresh()).rejects.toThrow(/unable to reach the package mirror/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 600_000);
});
