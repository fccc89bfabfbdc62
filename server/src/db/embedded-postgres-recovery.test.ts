import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { choosePort, freeLoopbackPort, isPostmasterOf, readPostmasterLock, recordPort, releaseStaleLock } from './embedded-postgres-recovery.js';

const logger = createLogger('silent');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-pg-recovery-'));
  dirs.push(d);
  fs.mkdirSync(path.join(d, 'pg'));
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A lock file as PostgreSQL writes it. */
const writeLock = (pgDir: string, pid: number) =>
  fs.writeFileSync(path.join(pgDir, 'postmaster.pid'), `${pid}\n${pgDir}\n1700000000\n5439\n\n127.0.0.1\n  1234  5678\nready   \n`);

describe('recovering the embedded PostgreSQL after a crash', () => {
  it('removes a lock whose process is gone', async () => {
    const d = tmp();
    writeLock(path.join(d, 'pg'), 2 ** 22 + 12_345);
    expect(readPostmasterLock(path.join(d, 'pg'))).toMatchObject({ port: 5439 });
    await releaseStaleLock(d, path.join(d, 'pg'), logger);
    expect(fs.existsSync(path.join(d, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('never signals a live process that is not a postmaster of this folder (the pid was reused): only the stale lock goes', async () => {
    const d = tmp();
    writeLock(path.join(d, 'pg'), process.pid);
    expect(isPostmasterOf(process.pid, path.join(d, 'pg'))).toBe(false);
    await releaseStaleLock(d, path.join(d, 'pg'), logger);
    expect(fs.existsSync(path.join(d, 'pg', 'postmaster.pid'))).toBe(false);
    // Still here: nothing was sent to this process.
    expect(process.kill(process.pid, 0)).toBe(true);
  });
});

describe('choosing the embedded PostgreSQL port', () => {
  it('uses the setting when free, a free port when it is taken, and the recorded one next time until the setting changes', async () => {
    const d = tmp();
    const configured = await freeLoopbackPort();
    expect(await choosePort(d, configured, logger)).toBe(configured);

    const squatter = net.createServer();
    await new Promise<void>((r) => squatter.listen(configured, '127.0.0.1', () => r()));
    try {
      const replacement = await choosePort(d, configured, logger);
      expect(replacement).not.toBe(configured);
      recordPort(d, configured, replacement);
      expect(await choosePort(d, configured, logger)).toBe(replacement);
      const changed = await freeLoopbackPort();
      expect(await choosePort(d, changed, logger)).toBe(changed);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
