import { BadInputError } from './domain-error.js';

/** Small argument checks shared by services; each throws BAD_USER_INPUT naming the field. */
export const check = {
  /** A trimmed non-empty string no longer than `max`. */
  text(field: string, value: string, max: number): string {
    const v = value.trim();
    if (v.length === 0) throw new BadInputError(field, 'must not be empty');
    if (v.length > max) throw new BadInputError(field, `must be at most ${max} characters`);
    return v;
  },
  /** An integer within [min, max]. */
  int(field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new BadInputError(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  },
  /** A finite number within [min, max]. */
  number(field: string, value: number, min: number, max: number): number {
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new BadInputError(field, `must be a number from ${min} to ${max}`);
    }
    return value;
  },
  /** An absolute http(s) URL. */
  url(field: string, value: string): string {
    let u: URL;
    try {
      u = new URL(value.trim());
    } catch {
      throw new BadInputError(field, 'must be an absolute URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new BadInputError(field, 'must be http or https');
    return u.toString().replace(/\/$/, '');
  },
  /** A UUID (ids in this API). */
  id(field: string, value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw new BadInputError(field, 'is not a valid id');
    }
    return value.toLowerCase();
  },
};
