import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { User } from './user.entity.js';
import { Role } from '../../shared/role.js';
import { UsersError, UsersErrorCode } from './users.errors.js';
import type { CreateUserInput } from './users.inputs.js';
import type { PasswordHasher } from './password-hasher.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { check } from '../../shared/validate.js';
import { BadInputError } from '../../shared/domain-error.js';
import { cursors, toConnection, type ConnectionShape } from '../../shared/pagination.js';
import type { Logger } from '../../observability/logger.js';

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Accounts: creation, listing and the first admin. */
export class UsersService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Creates an account; CONFLICT when the username is taken. */
  async create(em: EntityManager, viewer: Viewer, input: CreateUserInput): Promise<User> {
    const username = input.username.trim();
    if (!USERNAME.test(username)) throw new BadInputError('username', 'use 1 to 64 letters, digits or . _ @ -');
    if (input.password.length < 8 || input.password.length > 256) throw new BadInputError('password', 'must be 8 to 256 characters');
    const user = em.create(User, {
      username,
      role: input.role,
      passwordHash: await this.hasher.hash(input.password),
      coinBalance: 0,
      disabled: false,
      createdAt: new Date(),
    });
    this.audit.record(em, viewer, 'user.create', 'user', user.id, { username, role: input.role });
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw new UsersError(UsersErrorCode.CONFLICT, `Username "${username}" is taken`, { field: 'username' });
      throw err;
    }
    return user;
  }

  /** Users ordered by username, optionally filtered by a case-insensitive substring. */
  async list(em: EntityManager, first: number | undefined, after: string | undefined, search: string | undefined): Promise<ConnectionShape<User>> {
    const size = cursors.size(first);
    const cursor = cursors.decode(after);
    const where = search ? { username: { $ilike: `%${check.text('search', search, 64).replace(/[%_\\]/g, '\\$&')}%` } } : {};
    const page = cursor ? { ...where, $or: [{ username: { $gt: cursor.key } }, { username: cursor.key, id: { $gt: cursor.id } }] } : where;
    const [rows, total] = await Promise.all([em.find(User, page, { orderBy: { username: 'asc', id: 'asc' }, limit: size + 1 }), em.count(User, where)]);
    return toConnection(rows, size, total, (u) => u.username);
  }

  /** A user by id, or NOT_FOUND. */
  async get(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOne(User, { id: check.id('userId', id) });
    if (!user) throw new UsersError(UsersErrorCode.NOT_FOUND, `User ${id} not found`, { id });
    return user;
  }

  /**
   * On first start, creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD; without a password,
   * generates one and prints it once. Does nothing when an admin exists.
   */
  async ensureFirstAdmin(em: EntityManager, username: string, password: string | undefined, logger: Logger): Promise<void> {
    if ((await em.count(User, { role: Role.ADMIN })) > 0) return;
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    try {
      const admin = await this.create(em, null, { username, password: password ?? generated!, role: Role.ADMIN });
      if (generated) {
        // A password printed on a console is to be replaced at first sign-in.
        admin.mustChangePassword = true;
        await em.flush();
      }
    } catch (err) {
      // Another replica starting at the same moment made it first.
      if (err instanceof UsersError && (await em.fork().count(User, { role: Role.ADMIN })) > 0) return;
      throw err;
    }
    if (generated) {
      // Printed once, on stdout, for the operator; it is not logged anywhere else.
      process.stdout.write(
        `\nFirst admin created: username "${username}", password "${generated}" (shown once; you will be asked to change it at first sign-in, or set ADMIN_PASSWORD)\n\n`,
      );
    }
    logger.info({ username }, 'first admin created');
  }
}
