import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { newEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { buildAdminUiIfStale } from './admin-ui-build.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** A free loopback port. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** One real PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  // Browser suites drive the built SPA: build it first when admin-ui changed since the last build.
  await buildAdminUiIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-test-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = newEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=400', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  project.provide('pgAdminUrl', `postgres://postgres:test@127.0.0.1:${port}`);
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
