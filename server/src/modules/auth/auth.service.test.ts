import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';
import { AuthService, IDENTITY_CACHE_MS, IDENTITY_REFRESH_MS } from './auth.service.js';
import { TokenService } from './token.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

const SECRET = 'jwt-secret-for-identity-cache-0123456789';

/** Waits until the background reads `auth` started have finished (and a few more turns for any new one). */
async function settle(auth: AuthService): Promise<void> {
  const refreshing = (auth as unknown as { refreshing: Set<string> }).refreshing;
  for (let i = 0; i < 400 && (i < 5 || refreshing.size > 0); i++) await new Promise((r) => setTimeout(r, 5));
  expect(refreshing.size).toBe(0);
}

describe('identities behind bearer tokens (AuthService)', () => {
  let t: TestServer;
  let db: pg.Client;
  let now = Date.now();
  beforeAll(async () => {
    t = await startTestServer({ JWT_SECRET: SECRET });
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });
  afterEach(() => vi.restoreAllMocks());

  /** A service of its own (an empty cache) whose clock the test moves, and a count of identity reads. */
  function service() {
    const auth = new AuthService(t.server.orm, new TokenService(SECRET, 3600), new PasswordHasher(), new LoginRateLimiter(5, 60));
    const reads = vi.spyOn(auth as unknown as { loadUsers: (ids: readonly string[]) => Promise<unknown[]> }, 'loadUsers');
    now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    return { auth, reads };
  }

  it('reads the identities asked for in one event-loop turn with one query', async () => {
    const users = await Promise.all(Array.from({ length: 30 }, (_, i) => t.user('CANDIDATE', `turn-${i}`)));
    const { auth, reads } = service();
    await Promise.all(users.map((u) => auth.authenticate(`Bearer ${u.token}`)));
    auth.invalidate();
    reads.mockClear();
    // Thirty requests read by thirty callbacks of one turn, as a burst of sockets is.
    const viewers = await Promise.all(users.map((u) => new Promise((r) => setTimeout(() => r(auth.authenticate(`Bearer ${u.token}`)), 0))));
    expect(viewers.map((v) => (v as { id: string }).id)).toEqual(users.map((u) => u.id));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0][0]).toHaveLength(30);
  });

  it('answers a cached token and identity at once (no promise); a token that names nobody is a rejected promise', async () => {
    const u = await t.user('CANDIDATE', 'at-once-user');
    const { auth } = service();
    const first = auth.authenticate(`Bearer ${u.token}`);
    expect(first).toBeInstanceOf(Promise);
    await first;
    expect(auth.authenticate(`Bearer ${u.token}`)).toMatchObject({ kind: 'user', id: u.id });
    const refused = auth.authenticate('Bearer not-a-token');
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers from the cache, and reads a used identity again in the background past half its life', async () => {
    const u = await t.user('CANDIDATE', 'steady-user');
    const { auth, reads } = service();
    expect(await auth.authenticate(`Bearer ${u.token}`)).toMatchObject({ kind: 'user', id: u.id });
    expect(reads).toHaveBeenCalledTimes(1);
    now += IDENTITY_REFRESH_MS - 100;
    await auth.authenticate(`Bearer ${u.token}`);
    await settle(auth);
    expect(reads).toHaveBeenCalledTimes(1);
    // Past half its life: answered from the cache at once, read again behind it.
    now += 200;
    expect(await auth.authenticate(`Bearer ${u.token}`)).toMatchObject({ id: u.id });
    await settle(auth);
    expect(reads).toHaveBeenCalledTimes(2);
    // Past the first read's expiry the refreshed entry answers, with no read in the request's way.
    now += IDENTITY_CACHE_MS - IDENTITY_REFRESH_MS - 50;
    expect(await auth.authenticate(`Bearer ${u.token}`)).toMatchObject({ id: u.id });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('refuses a disabled user within IDENTITY_CACHE_MS, and as soon as a background read has seen it', async () => {
    const u = await t.user('CANDIDATE', 'soon-disabled');
    const { auth } = service();
    await auth.authenticate(`Bearer ${u.token}`);
    await db.query(`update users set disabled = true where id = $1`, [u.id]);
    now += IDENTITY_REFRESH_MS + 100;
    // Still within the trusted life: answered, and the read behind it sees the change.
    expect(await auth.authenticate(`Bearer ${u.token}`)).toMatchObject({ id: u.id });
    await settle(auth);
    await expect(auth.authenticate(`Bearer ${u.token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A service that never refreshed refuses once the entry is past IDENTITY_CACHE_MS.
    await db.query(`update users set disabled = false where id = $1`, [u.id]);
    const other = service();
    await other.auth.authenticate(`Bearer ${u.token}`);
    await db.query(`update users set disabled = true where id = $1`, [u.id]);
    now += IDENTITY_CACHE_MS + 1;
    await expect(other.auth.authenticate(`Bearer ${u.token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('does not keep a read that began before invalidate()', async () => {
    const u = await t.user('CANDIDATE', 'rotated-user');
    const { auth, reads } = service();
    await auth.authenticate(`Bearer ${u.token}`);
    now += IDENTITY_REFRESH_MS + 100;
    await auth.authenticate(`Bearer ${u.token}`); // starts a background read
    auth.invalidate();
    await settle(auth);
    await auth.authenticate(`Bearer ${u.token}`);
    // The read begun before invalidate() was dropped: this request read the identity itself.
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('reads worker credentials the same way', async () => {
    const code = 'cache-worker';
    const worker = await registerWorker(t, code);
    const { auth } = service();
    expect(await auth.authenticate(worker.credential)).toEqual({ kind: 'worker', workerId: worker.id, code });
    await expect(auth.authenticate('vdiw_not-a-real-credential')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
