import argon2 from 'argon2';

/** argon2id password hashing. */
export class PasswordHasher {
  /** A dummy hash verified when the username is unknown, so both paths take the same time. */
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (!hash) {
      this.dummy ??= this.hash('not-a-password-anyone-has');
      await argon2.verify(await this.dummy, password);
      return false;
    }
    return argon2.verify(hash, password);
  }
}
