import type { MiddlewareFn } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { refusalSeenBy } from './placement.errors.js';

/**
 * On an operation that places desktops for people (`purchaseAndCreate`, `joinExam`): a
 * NO_CAPACITY refusal keeps its per-worker reasons for ADMIN and OPERATOR only; a USER or
 * CANDIDATE reads a plain sentence (worker ids, codes and slot counts are fleet internals).
 */
export const RefusalAudience: MiddlewareFn<GraphQLContext> = async ({ context }, next) => {
  try {
    return await next();
  } catch (err) {
    throw refusalSeenBy(context.viewer, err);
  }
};
