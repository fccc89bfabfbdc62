import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { GraphQLError, getOperationAST } from 'graphql';
import { ErrorCode } from '../shared/error-codes.js';
import { DomainError } from '../shared/domain-error.js';
import type { DocumentGuard } from '../graphql/query-limits.js';
import { assertNoNulInVariables } from '../graphql/input-guard.js';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import { sendError } from './error-response.js';

/**
 * POST and GET /graphql straight into Apollo, without a web framework in between: this path
 * carries every worker heartbeat, so it stays short. Everything else goes to Express.
 * The document is measured by `guard` before Apollo validates it (see DocumentGuard). What this
 * handler refuses itself is answered through `formatError`, like every other error.
 */
export function graphqlHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  maxBodyBytes: number,
  context: (req: IncomingMessage) => Promise<C>,
  guard: DocumentGuard,
  formatError: FormatError,
) {
  const refuse = (res: ServerResponse, status: number, error: unknown, headers?: Record<string, string>) =>
    sendError(res, status, formatThrown(formatError, error), headers);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = req.method === 'POST' ? await readJsonBody(req, maxBodyBytes) : undefined;
    if (body instanceof BodyRefused) return refuse(res, body.status, body.error, body.headers);
    const path = req.url ?? '/';
    const query = path.indexOf('?');
    const refusal = screen(guard, body, query < 0 ? '' : path.slice(query));
    if (refusal) return refuse(res, 400, refusal);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const request: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : path.slice(query), body };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context(req) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** A request body the handler will not read: why, and with which status. */
class BodyRefused {
  constructor(
    readonly status: number,
    readonly error: DomainError,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** The body: parsed when it is JSON, as text otherwise; refused when too large or not valid JSON. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readBody(req, limit);
  // The rest of a body too large is not read: the connection closes after the answer.
  if (raw === 'too-large') return new BodyRefused(413, new DomainError(ErrorCode.BAD_REQUEST, `Request body exceeds ${limit} bytes`), { connection: 'close' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return raw;
  try {
    return raw.length ? JSON.parse(raw) : {};
  } catch {
    return new BodyRefused(400, new DomainError(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON'));
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping it; the rest is read and dropped, and the connection closes after the answer.
        req.off('data', onData);
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Checks what Apollo would run, before it validates: the document's size and shape, NUL
 * characters, and that it is not a subscription. Returns the error to answer with, or null.
 * Malformed requests (no query, a batch) are left to Apollo, which answers them itself.
 */
function screen(guard: DocumentGuard, body: unknown, search: string): GraphQLError | null {
  let source: unknown;
  let variables: unknown;
  let operationName: unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    ({ query: source, variables, operationName } = body as Record<string, unknown>);
  } else if (search) {
    const params = new URLSearchParams(search);
    source = params.get('query');
    try {
      variables = JSON.parse(params.get('variables') ?? 'null');
    } catch {
      variables = null; // Apollo refuses it with its own message
    }
    operationName = params.get('operationName');
  }
  if (typeof source !== 'string') return null;
  try {
    const document = guard.check(source);
    assertNoNulInVariables(variables);
    if (getOperationAST(document, typeof operationName === 'string' && operationName ? operationName : undefined)?.operation === 'subscription') {
      return new GraphQLError('Subscriptions run over graphql-ws: open a WebSocket on /graphql (subprotocol graphql-transport-ws) and subscribe there', {
        extensions: { code: ErrorCode.SUBSCRIPTION_OVER_HTTP },
      });
    }
    return null;
  } catch (e) {
    if (e instanceof GraphQLError) return e;
    throw e;
  }
}
