import { GraphQLError, type GraphQLSchema, type DocumentNode, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../shared/error-codes.js';

/** Depth limit as a validation rule (HTTP and WebSocket alike); reports QUERY_TOO_COMPLEX. */
export function depthRule(maxDepth: number): ValidationRule {
  const rule = depthLimit(maxDepth);
  return (context) => {
    const coded = Object.create(context) as typeof context;
    coded.reportError = (e: GraphQLError) =>
      context.reportError(new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxDepth } }));
    return rule(coded);
  };
}

/** Throws QUERY_TOO_COMPLEX when the operation costs more than `max` (1 per field, lists × page size). */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, variables: Record<string, unknown> | undefined, max: number): void {
  const complexity = getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > max) {
    throw new GraphQLError(`Query costs ${complexity}; the limit is ${max}`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, complexity, max } });
  }
}

/** Apollo plugin applying {@link assertComplexity} once the operation is known. */
export function complexityPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          assertComplexity(schema, document, request.operationName, request.variables, max);
        },
      };
    },
  };
}

/** Cost of a paged list: what one item costs, times the page size asked for (default 50). */
export const pageComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number =>
  1 + childComplexity * (typeof args.first === 'number' ? args.first : 50);
