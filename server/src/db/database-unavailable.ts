/** PostgreSQL SQLSTATEs and socket codes that mean "the database is not there right now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
// "Transaction query already complete" is knex's word for a transaction whose connection died under it.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection ended unexpectedly|terminating connection|encountered a connection error|Transaction query already complete|Timeout acquiring a connection|the database system is (starting up|shutting down|not yet accepting|in recovery mode)/i;

/**
 * Whether an error (or one it wraps) says the database cannot be reached: stopped, restarting,
 * or the connection was cut. Such a request may succeed when retried a few seconds later.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}
