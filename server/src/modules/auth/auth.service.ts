import type { MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from '../users/user.entity.js';
import type { Role } from '../../shared/role.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import type { PasswordHasher } from '../users/password-hasher.js';
import { TokenService, WORKER_CREDENTIAL_PREFIX } from './token.service.js';
import type { UserViewer, Viewer, WallViewer, WorkerViewer } from '../../shared/viewer.js';
import { WALL_SECRET_PREFIX } from './wall-secret.js';
import { pgArray } from '../../db/pg-array.js';
import type { Authenticator } from '../../http/authenticator.js';

/** How long a verified identity is trusted before the database is asked again. */
export const IDENTITY_CACHE_MS = 5_000;
/**
 * Past this age an identity still in use is read again in the background while the cached one
 * (still within IDENTITY_CACHE_MS) answers: a client in steady use never waits for the database,
 * and a crowd of candidates whose identities age together does not stall on them.
 */
export const IDENTITY_REFRESH_MS = IDENTITY_CACHE_MS / 2;

/** Loaders batch every identity asked for in one event-loop turn (all the requests read in it). */
const perTurn = { cache: false, maxBatchSize: 500, batchScheduleFn: (run: () => void) => void setImmediate(run) };

interface Cached<T> {
  value: T | null;
  at: number;
}

/**
 * Logs people in and turns a bearer token into a viewer. Disabled users and revoked worker
 * credentials stop working within {@link IDENTITY_CACHE_MS} on every replica (at once on this one).
 */
export class AuthService implements Authenticator {
  private readonly users = new Map<string, Cached<UserViewer>>();
  private readonly workers = new Map<string, Cached<WorkerViewer>>();
  private readonly walls = new Map<string, Cached<WallViewer>>();
  /** Open connections per identity key (`user:<id>`, `wall:<id>`), closed when it is revoked. */
  private readonly watchers = new Map<string, Set<() => void>>();
  /** Identities asked for in the same event-loop turn are read in one query (a crowd of candidates at once). */
  private readonly userLoader = new DataLoader<string, UserViewer | null>((ids) => this.loadUsers(ids), perTurn);
  private readonly workerLoader = new DataLoader<string, WorkerViewer | null>((hashes) => this.loadWorkers(hashes), perTurn);
  private readonly wallLoader = new DataLoader<string, WallViewer | null>((hashes) => this.loadWalls(hashes), perTurn);
  /** Keys being read again in the background. */
  private readonly refreshing = new Set<string>();
  /** Bumped by invalidate(): a read that started before it is not remembered. */
  private generation = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /** Checks a password; returns a token. Failed attempts count toward the rate limit. */
  async login(username: string, password: string, ip: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    const name = username.trim();
    await this.limiter.assertAllowed(name, ip);
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { username: name });
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || user.disabled) {
      await this.limiter.recordFailure(name, ip);
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'Wrong username or password');
    }
    await this.limiter.recordSuccess(name, ip);
    const { token, expiresAt } = await this.tokens.issueAccessToken({ sub: user.id, username: user.username, role: user.role });
    return { token, expiresAt, user };
  }

  /**
   * The viewer for an `Authorization` value (with or without "Bearer "). No value gives null;
   * a value that does not verify is refused (a rejected promise, UNAUTHENTICATED) rather than
   * silently acting as anonymous. A token and identity already cached are answered at once, without
   * a promise: that is every request of a client in steady use, and a crowd pays for none.
   */
  authenticate(authorization: string | undefined | null): Viewer | Promise<Viewer> {
    if (!authorization) return null;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (!token) return null;
    if (token.startsWith(WORKER_CREDENTIAL_PREFIX)) return known(this.cached(this.workers, this.workerLoader, TokenService.hashCredential(token)));
    if (token.startsWith(WALL_SECRET_PREFIX)) return known(this.cached(this.walls, this.wallLoader, TokenService.hashCredential(token)));
    const claims = this.tokens.verifiedClaims(token);
    if (claims) return known(this.cached(this.users, this.userLoader, claims.sub));
    return this.tokens.verifyAccessToken(token).then((c) => known(c ? this.cached(this.users, this.userLoader, c.sub) : null));
  }

  /** Forgets cached identities (after a credential rotation or a user change on this replica). */
  invalidate(): void {
    this.generation++;
    this.users.clear();
    this.workers.clear();
    this.walls.clear();
  }

  /**
   * Calls `onRevoked` when the viewer's identity is revoked (a wall link revoked, a person
   * disabled), so a long-lived connection can close. Returns the function that stops watching.
   */
  watch(viewer: Viewer, onRevoked: () => void): () => void {
    const key = identityKey(viewer);
    if (!key) return () => undefined;
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(onRevoked);
    return () => {
      set.delete(onRevoked);
      if (set.size === 0 && this.watchers.get(key) === set) this.watchers.delete(key);
    };
  }

  /**
   * An identity changed or was revoked (here or on another replica): cached identities are
   * forgotten, so the next request reads it again (and is refused when revoked), and with
   * `closeConnections` its open connections are told to close.
   */
  revoked(kind: 'user' | 'wall', id: string, closeConnections = true): void {
    this.invalidate();
    if (!closeConnections) return;
    for (const close of [...(this.watchers.get(`${kind}:${id}`) ?? [])]) close();
  }

  /** A cached identity while it is fresh (read again in the background once past half its life), else read now. */
  private cached<T>(map: Map<string, Cached<T>>, loader: DataLoader<string, T | null>, key: string): T | null | Promise<T | null> {
    const hit = map.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < IDENTITY_CACHE_MS) {
      if (age >= IDENTITY_REFRESH_MS && !this.refreshing.has(key)) {
        this.refreshing.add(key);
        // A failed refresh only lets the entry age out; the next request then reads it itself.
        this.read(map, loader, key)
          .catch(() => undefined)
          .finally(() => this.refreshing.delete(key));
      }
      return hit.value;
    }
    return this.read(map, loader, key);
  }

  /** Reads an identity and caches it, unless invalidate() was called meanwhile. */
  private async read<T>(map: Map<string, Cached<T>>, loader: DataLoader<string, T | null>, key: string): Promise<T | null> {
    const generation = this.generation;
    const value = await loader.load(key);
    if (generation === this.generation) remember(map, key, value);
    return value;
  }

  /**
   * The role in the database wins over the one in the token (a demoted admin loses rights at once).
   * Plain rows, not entities: a crowd's identities are read again together, and hydrating hundreds
   * of entities into a unit of work would stall the requests of that moment.
   */
  private async loadUsers(ids: readonly string[]): Promise<(UserViewer | null)[]> {
    const rows = await this.orm.em
      .getConnection()
      .execute<{ id: string; username: string; role: Role; disabled: boolean; must_change_password: boolean }[]>(
        `select id, username, role, disabled, must_change_password from users where id = any(?::uuid[])`,
        [pgArray(ids)],
      );
    const byId = new Map(rows.map((u) => [u.id, u]));
    return ids.map((id) => {
      const u = byId.get(id);
      if (!u || u.disabled) return null;
      return u.must_change_password
        ? { kind: 'user', id: u.id, username: u.username, role: u.role, mustChangePassword: true }
        : { kind: 'user', id: u.id, username: u.username, role: u.role };
    });
  }

  private async loadWorkers(hashes: readonly string[]): Promise<(WorkerViewer | null)[]> {
    const rows = await this.orm.em
      .getConnection()
      .execute<{ id: string; code: string; credential_hash: string }[]>(
        `select id, code, credential_hash from workers where credential_hash = any(?::text[])`,
        [pgArray(hashes)],
      );
    const byHash = new Map(rows.map((w) => [w.credential_hash, w]));
    return hashes.map((hash) => {
      const w = byHash.get(hash);
      return w ? { kind: 'worker', workerId: w.id, code: w.code } : null;
    });
  }

  /** Wall links that are not revoked, by secret hash. */
  private async loadWalls(hashes: readonly string[]): Promise<(WallViewer | null)[]> {
    const rows = await this.orm.em
      .getConnection()
      .execute<{ id: string; name: string; secret_hash: string }[]>(
        `select id, name, secret_hash from wall_links where secret_hash = any(?::text[]) and revoked_at is null`,
        [pgArray(hashes)],
      );
    const byHash = new Map(rows.map((w) => [w.secret_hash, w]));
    return hashes.map((hash) => {
      const w = byHash.get(hash);
      return w ? { kind: 'wall', wallLinkId: w.id, name: w.name } : null;
    });
  }
}

/** The key revocations are announced under, or null for identities that are not watched. */
function identityKey(viewer: Viewer): string | null {
  if (viewer?.kind === 'user') return `user:${viewer.id}`;
  if (viewer?.kind === 'wall') return `wall:${viewer.wallLinkId}`;
  return null;
}

/** The identity, or UNAUTHENTICATED (always as a rejected promise) when the token names nobody. */
function known<T extends Viewer>(viewer: T | null | Promise<T | null>): T | Promise<T> {
  if (viewer instanceof Promise) return viewer.then(known);
  if (!viewer) return Promise.reject(new AuthError(AuthErrorCode.UNAUTHENTICATED, 'Invalid, expired or revoked token'));
  return viewer;
}

/** Caches an identity; the map is bounded so a flood of made-up tokens cannot grow it without end. */
function remember<T>(map: Map<string, Cached<T>>, key: string, value: T | null): void {
  if (map.size >= 10_000) map.clear();
  map.set(key, { value, at: Date.now() });
}
