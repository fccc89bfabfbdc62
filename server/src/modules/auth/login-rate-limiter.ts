import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AuthError, AuthErrorCode } from './auth.errors.js';

/** Limits failed logins per username and client address; a success clears the count. */
export class LoginRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(maxFailures: number, windowSec: number) {
    this.limiter = new RateLimiterMemory({ points: maxFailures, duration: windowSec, blockDuration: windowSec });
  }

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /** Throws RATE_LIMITED when this pair is blocked. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const res = await this.limiter.get(this.key(username, ip));
    if (res && res.remainingPoints <= 0) throw this.limited(res);
  }

  /** Counts a failure; throws RATE_LIMITED when it was the last allowed one. */
  async recordFailure(username: string, ip: string): Promise<void> {
    try {
      await this.limiter.consume(this.key(username, ip));
    } catch (res) {
      if (res instanceof RateLimiterRes) throw this.limited(res);
      throw res;
    }
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.limiter.delete(this.key(username, ip));
  }

  private limited(res: RateLimiterRes): AuthError {
    const retryAfterSec = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AuthError(AuthErrorCode.RATE_LIMITED, `Too many failed logins; try again in ${retryAfterSec} s`, { retryAfterSec });
  }
}
