import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';

describe('the GraphQL context', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('makes no unit of work for a request that never reads the database, and one for a request that does', async () => {
    await t.ok('{ __typename }', {}, t.adminToken); // the caller's identity is read (and cached) once
    const fork = vi.spyOn(t.server.orm.em, 'fork');
    // Apollo copies each context per operation; the copy must not be what forks it.
    expect((await t.ok<any>('{ __typename }', {}, t.adminToken)).__typename).toBe('Query');
    expect(fork).not.toHaveBeenCalled();
    expect((await t.ok<any>('{ me { username } }', {}, t.adminToken)).me.username).toBe('admin');
    expect(fork).toHaveBeenCalled();
    fork.mockRestore();
  });
});
