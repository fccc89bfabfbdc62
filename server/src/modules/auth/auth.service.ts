import type { MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from '../users/user.entity.js';
import { Worker } from '../workers/worker.entity.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService, WORKER_CREDENTIAL_PREFIX } from './token.service.js';
import type { UserViewer, Viewer, WorkerViewer } from './viewer.js';

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
export class AuthService {
  private readonly users = new Map<string, Cached<UserViewer>>();
  private readonly workers = new Map<string, Cached<WorkerViewer>>();
  /** Identities asked for in the same event-loop turn are read in one query (a crowd of candidates at once). */
  private readonly userLoader = new DataLoader<string, UserViewer | null>((ids) => this.loadUsers(ids), perTurn);
  private readonly workerLoader = new DataLoader<string, WorkerViewer | null>((hashes) => this.loadWorkers(hashes), perTurn);
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
   * a value that does not verify throws UNAUTHENTICATED rather than silently acting as anonymous.
   */
  async authenticate(authorization: string | undefined | null): Promise<Viewer> {
    if (!authorization) return null;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (!token) return null;
    const viewer = token.startsWith(WORKER_CREDENTIAL_PREFIX) ? await this.workerViewer(token) : await this.userViewer(token);
    if (!viewer) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'Invalid, expired or revoked token');
    return viewer;
  }

  /** Forgets cached identities (after a credential rotation or a user change on this replica). */
  invalidate(): void {
    this.generation++;
    this.users.clear();
    this.workers.clear();
  }

  private async userViewer(token: string): Promise<UserViewer | null> {
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims) return null;
    return this.cached(this.users, this.userLoader, claims.sub);
  }

  private workerViewer(credential: string): Promise<WorkerViewer | null> {
    return this.cached(this.workers, this.workerLoader, TokenService.hashCredential(credential));
  }

  /** A cached identity while it is fresh (read again in the background once past half its life), else read now. */
  private async cached<T>(map: Map<string, Cached<T>>, loader: DataLoader<string, T | null>, key: string): Promise<T | null> {
    const hit = map.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    const generation = this.generation;
    const keep = (value: T | null) => {
      if (generation === this.generation) remember(map, key, value);
    };
    if (hit && age < IDENTITY_CACHE_MS) {
      if (age >= IDENTITY_REFRESH_MS && !this.refreshing.has(key)) {
        this.refreshing.add(key);
        // A failed refresh only lets the entry age out; the next request then reads it itself.
        loader
          .load(key)
          .then(keep, () => undefined)
          .finally(() => this.refreshing.delete(key));
      }
      return hit.value;
    }
    const value = await loader.load(key);
    keep(value);
    return value;
  }

  /** The role in the database wins over the one in the token (a demoted admin loses rights at once). */
  private async loadUsers(ids: readonly string[]): Promise<(UserViewer | null)[]> {
    const users = await this.orm.em.fork().find(User, { id: { $in: [...ids] } }, { fields: ['id', 'username', 'role', 'disabled'] });
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => {
      const u = byId.get(id);
      return u && !u.disabled ? { kind: 'user', id: u.id, username: u.username, role: u.role } : null;
    });
  }

  private async loadWorkers(hashes: readonly string[]): Promise<(WorkerViewer | null)[]> {
    const workers = await this.orm.em.fork().find(Worker, { credentialHash: { $in: [...hashes] } }, { fields: ['id', 'code', 'credentialHash'] });
    const byHash = new Map(workers.map((w) => [w.credentialHash, w]));
    return hashes.map((hash) => {
      const w = byHash.get(hash);
      return w ? { kind: 'worker', workerId: w.id, code: w.code } : null;
    });
  }
}

/** Caches an identity; the map is bounded so a flood of made-up tokens cannot grow it without end. */
function remember<T>(map: Map<string, Cached<T>>, key: string, value: T | null): void {
  if (map.size >= 10_000) map.clear();
  map.set(key, { value, at: Date.now() });
}
