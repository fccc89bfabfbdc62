import { GraphQLError, getOperationAST, validate, type GraphQLSchema, type DocumentNode, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../shared/error-codes.js';

/** Limits every operation is held to. */
export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** Throws QUERY_TOO_COMPLEX when the operation is deeper than `maxDepth` (fragments followed). */
export function assertDepth(schema: GraphQLSchema, document: DocumentNode, maxDepth: number): void {
  const [first] = validate(schema, document, [depthLimit(maxDepth) as ValidationRule]);
  if (first) throw new GraphQLError(first.message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxDepth } });
}

/** Throws QUERY_TOO_COMPLEX when the operation costs more than `max` (1 per field, lists × page size). */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, variables: Record<string, unknown> | undefined, max: number): void {
  // An operationName that names no operation is refused by execution; the library would crash on it.
  if (!getOperationAST(document, operationName)) return;
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

/** Checked documents: parsed documents are cached and reused, so each is measured once. */
const checked = new WeakMap<DocumentNode, Set<string>>();

/**
 * Depth, then cost; for HTTP (through the plugin below) and graphql-ws alike. Only whole-number
 * variables (page sizes) change the cost, so a document passes once per distinct set of them.
 */
export function assertQueryLimits(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, variables: Record<string, unknown> | undefined, limits: QueryLimits): void {
  const key = `${operationName ?? ''}|${JSON.stringify(Object.entries(variables ?? {}).filter(([, v]) => typeof v === 'number'))}`;
  let passed = checked.get(document);
  if (passed?.has(key)) return;
  assertDepth(schema, document, limits.maxDepth);
  assertComplexity(schema, document, operationName, variables, limits.maxComplexity);
  if (!passed) checked.set(document, (passed = new Set()));
  if (passed.size < 100) passed.add(key);
}

/** Apollo plugin applying {@link assertQueryLimits} once the operation is known. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          assertQueryLimits(schema, document, request.operationName, request.variables, limits);
        },
      };
    },
  };
}

/** Cost of a paged list: what one item costs, times the page size asked for (default 50). */
export const pageComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number =>
  1 + childComplexity * (typeof args.first === 'number' ? args.first : 50);
