import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, getOperationAST, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../shared/error-codes.js';
import { assertNoNulInDocument } from './input-guard.js';

/** Limits every operation is held to, over HTTP and graphql-ws alike. */
export interface QueryLimits {
  maxDepth: number;
  /** Schema-aware cost (fields × page sizes), checked after validation. */
  maxComplexity: number;
  /** Lexical tokens in a document: the parser stops counting past this. */
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
}

/** Many documents in a row are the same few (heartbeats, the UI's queries): those that passed are remembered. */
const PASSED_CACHE_SIZE = 500;

function tooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/**
 * The checks that run before validation, each in time linear in the document: graphql-js's
 * validation is not (overlapping fields compares pairs; some rules follow every fragment spread),
 * so a small hostile document would otherwise hold the event loop for seconds or minutes.
 */
export class DocumentGuard {
  private readonly rules: ValidationRule[];
  private readonly passed = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
  ) {
    // graphql-armor's rules follow each fragment once (memoised), so they stay linear.
    // Introspection counts as nothing. Its cost is a rough bound (literal page sizes only) set at
    // twice the schema-aware limit: it stops blow-ups (fragments spread over and over), and the
    // exact cost is measured after validation by assertComplexity.
    const { validationRules } = new ApolloArmor({
      blockFieldSuggestion: { enabled: false },
      maxTokens: { enabled: false },
      costLimit: { maxCost: limits.maxComplexity * 2, objectCost: 1, scalarCost: 1, depthCostFactor: 1 },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxDepth: { n: limits.maxDepth },
    }).protect();
    this.rules = validationRules as ValidationRule[];
  }

  /**
   * Parses `source` with the token limit and measures it; throws GRAPHQL_PARSE_FAILED,
   * QUERY_TOO_COMPLEX or BAD_USER_INPUT (a NUL in a string literal). Cheap for a document seen before.
   */
  check(source: string): DocumentNode {
    const known = this.passed.get(source);
    if (known) return known;
    const document = this.parse(source);
    this.assertShape(document);
    assertNoNulInDocument(document);
    if (this.passed.size >= PASSED_CACHE_SIZE) this.passed.delete(this.passed.keys().next().value!);
    this.passed.set(source, document);
    return document;
  }

  private parse(source: string): DocumentNode {
    try {
      return parse(source, { maxTokens: this.limits.maxTokens });
    } catch (e) {
      const message = (e as Error).message;
      // graphql-js words it "more that N tokens".
      if (/contains more (?:than|that) \d+ tokens/.test(message))
        throw tooComplex(`The document has more than ${this.limits.maxTokens} tokens`, { maxTokens: this.limits.maxTokens });
      throw new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED, http: { status: 400 } } });
    }
  }

  /** Depth, aliases, directives and an upper bound of the cost, fragments followed once each. */
  assertShape(document: DocumentNode): void {
    const [first] = validate(this.schema, document, this.rules);
    if (first) throw tooComplex(first.message.replace(/^Syntax Error: /, ''));
  }
}

/** Throws QUERY_TOO_COMPLEX when the operation costs more than `max` (1 per field, lists × page size). */
export function assertComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
  max: number,
): void {
  // An operationName that names no operation is refused by execution; the library would crash on it.
  if (!getOperationAST(document, operationName)) return;
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not fit their types: execution refuses them as the client's mistake (400).
    return;
  }
  if (complexity > max) throw tooComplex(`Query costs ${complexity}; the limit is ${max}`, { complexity, max });
}

/** Checked documents: parsed documents are cached and reused, so each is measured once. */
const checked = new WeakMap<DocumentNode, Set<string>>();

/**
 * The schema-aware cost, once the document is valid (so its size is already bounded by the
 * guard). Only whole-number variables (page sizes) change the cost, so a document passes once per
 * distinct set of them.
 */
export function assertQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
  limits: Pick<QueryLimits, 'maxComplexity'>,
): void {
  const key = `${operationName ?? ''}|${JSON.stringify(Object.entries(variables ?? {}).filter(([, v]) => typeof v === 'number'))}`;
  let passed = checked.get(document);
  if (passed?.has(key)) return;
  assertComplexity(schema, document, operationName, variables, limits.maxComplexity);
  if (!passed) {
    passed = new Set();
    checked.set(document, passed);
  }
  if (passed.size < 100) passed.add(key);
}

/** Apollo plugin applying {@link assertQueryLimits} once the operation is known. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: Pick<QueryLimits, 'maxComplexity'>): ApolloServerPlugin {
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
