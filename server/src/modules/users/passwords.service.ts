import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from './user.entity.js';
import type { UsersService } from './users.service.js';
import { UsersError, UsersErrorCode } from './users.errors.js';
import type { PasswordHasher } from './password-hasher.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { BadInputError, UnauthenticatedError } from '../../shared/domain-error.js';

/** The rule a new password must meet, as told to the person when it does not. */
export const PASSWORD_RULE = 'must be 8 to 256 characters, and differ from the username and from the current password';

/** A password generated for someone: 18 random characters, URL-safe. */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

/** Passwords and account switches: change your own, an admin's reset, disable and enable. */
export class PasswordsService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly pubsub: AppPubSub,
  ) {}

  /** The viewer's own change: the current password must match (WRONG_PASSWORD), the new one meet the rule. */
  async changeMine(em: EntityManager, viewer: Viewer, currentPassword: string, newPassword: string): Promise<boolean> {
    if (viewer?.kind !== 'user') throw new UnauthenticatedError();
    const user = await this.users.get(em, viewer.id);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) throw new UsersError(UsersErrorCode.WRONG_PASSWORD, 'The current password is wrong');
    if (newPassword.length < 8 || newPassword.length > 256 || newPassword === user.username || newPassword === currentPassword) {
      throw new BadInputError('newPassword', PASSWORD_RULE);
    }
    user.passwordHash = await this.hasher.hash(newPassword);
    user.mustChangePassword = false;
    this.audit.record(em, viewer, 'user.changePassword', 'user', user.id);
    await em.flush();
    this.announce(user.id, false);
    return true;
  }

  /** An admin's reset: a new generated password, returned once; the person must change it at next use. */
  async reset(em: EntityManager, viewer: Viewer, userId: string): Promise<{ user: User; password: string }> {
    const user = await this.users.get(em, userId);
    const password = generatePassword();
    user.passwordHash = await this.hasher.hash(password);
    user.mustChangePassword = true;
    this.audit.record(em, viewer, 'user.resetPassword', 'user', user.id, { username: user.username });
    await em.flush();
    this.announce(user.id, false);
    return { user, password };
  }

  /** Disables or enables an account; a disabled person's tokens stop working and their live connections close. */
  async setDisabled(em: EntityManager, viewer: Viewer, userId: string, disabled: boolean): Promise<User> {
    const user = await this.users.get(em, userId);
    if (viewer?.kind === 'user' && viewer.id === user.id && disabled) throw new BadInputError('userId', 'you cannot disable your own account');
    if (user.disabled === disabled) return user;
    user.disabled = disabled;
    this.audit.record(em, viewer, disabled ? 'user.disable' : 'user.enable', 'user', user.id, { username: user.username });
    await em.flush();
    this.announce(user.id, disabled);
    return user;
  }

  /** Every replica reads the identity again; a disabled one's connections close. */
  private announce(userId: string, closeConnections: boolean): void {
    this.pubsub.publish(Topic.IDENTITY_REVOKED, { kind: 'user', id: userId, closeConnections });
  }
}
