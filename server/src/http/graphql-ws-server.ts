import { randomUUID } from 'node:crypto';
import type { WebSocket, WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from './authenticator.js';
import type { Viewer } from '../shared/viewer.js';
import { createContext, type GraphQLContext, type LiveStreams } from '../graphql/context.js';
import type { FormatError } from '../graphql/format-error.js';
import { assertQueryLimits, type DocumentGuard } from '../graphql/query-limits.js';
import { assertNoNulInVariables } from '../graphql/input-guard.js';
import { SubscriptionLimiter, type TrackedConnection } from '../graphql/subscription-limits.js';
import type { ServerConfig } from '../config/config.js';
import { ErrorCode } from '../shared/error-codes.js';

/** What the graphql-ws server needs. */
export interface GraphqlWsDeps {
  config: ServerConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  auth: Authenticator;
  live: LiveStreams;
  guard: DocumentGuard;
  formatError: FormatError;
}

type Extra = { socket: WebSocket; request: import('node:http').IncomingMessage; viewer?: Viewer; tracked?: TrackedConnection; unwatch?: () => void };

/** One key per signed-in identity, for the per-identity subscription cap. */
function viewerKey(viewer: NonNullable<Viewer>): string {
  const v = viewer as { kind: string; id?: string; workerId?: string; wallLinkId?: string };
  return `${v.kind}:${v.id ?? v.workerId ?? v.wallLinkId ?? ''}`;
}

/**
 * graphql-ws on `wss`: authentication at connect, then per subscribe the same checks as HTTP, in
 * the same order — size and shape before validation, NUL characters, validation, cost — plus
 * the subscription caps of {@link SubscriptionLimiter}.
 */
export function createGraphqlWsServer(wss: WebSocketServer, deps: GraphqlWsDeps): { dispose(): Promise<void>; limiter: SubscriptionLimiter } {
  const { config, orm, schema, auth, live, guard, formatError } = deps;
  const rules = [...specifiedRules, ...(config.graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const limiter = new SubscriptionLimiter({
    perConnection: config.limits.wsMaxSubscriptions,
    perViewer: config.limits.wsMaxSubscriptionsPerUser,
    maxBufferedBytes: config.limits.wsMaxBufferedBytes,
  });
  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        let viewer: Viewer;
        try {
          // GraphiQL sends its Headers tab as connection parameters, capitalised as people type them.
          viewer = await auth.authenticate(String(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization ?? ''));
        } catch {
          return false;
        }
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.tracked = { viewerKey: viewerKey(viewer), live: () => ctx.subscriptions, socket: ctx.extra.socket, counted: new Set(), closed: false };
        limiter.track(ctx.extra.tracked);
        // A revoked wall link or a disabled person: the socket closes, and reconnecting is refused.
        ctx.extra.unwatch = auth.watch(viewer, () => ctx.extra.socket.close(4403, 'Forbidden: credential revoked'));
        return true;
      },
      onClose: (ctx) => {
        ctx.extra.unwatch?.();
        if (ctx.extra.tracked) limiter.release(ctx.extra.tracked);
      },
      context: (ctx): GraphQLContext =>
        createContext(() => orm.em.fork(), ctx.extra.viewer ?? null, ctx.extra.request.socket.remoteAddress ?? '', randomUUID(), live),
      onSubscribe: (ctx, id, payload) => {
        if (!ctx.extra.tracked || !limiter.admit(ctx.extra.tracked, id))
          return [new GraphQLError('Too many subscriptions', { extensions: { code: ErrorCode.BAD_REQUEST } })];
        try {
          const document = guard.check(payload.query);
          assertNoNulInVariables(payload.variables);
          const errors = validate(schema, document, rules);
          if (errors.length > 0)
            return errors.map(
              (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: e.extensions.code ?? ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
            );
          assertQueryLimits(schema, document, payload.operationName, payload.variables ?? undefined, config.graphql);
          return {
            schema,
            document,
            variableValues: payload.variables,
            operationName: payload.operationName,
          } satisfies Partial<ExecutionArgs> as ExecutionArgs;
        } catch (e) {
          if (e instanceof GraphQLError) return [withoutHttp(e)];
          throw e;
        }
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatAsError(formatError(e, e))),
      onNext: (ctx, _id, _payload, _args, result) => {
        // A client that subscribes and stops reading would have every event queued for it.
        if (ctx.extra.tracked && limiter.overBuffered(ctx.extra.tracked)) return undefined;
        return 'errors' in result && result.errors ? { ...result, errors: result.errors.map((e) => formatAsError(formatError(e, e))) } : result;
      },
    },
    wss,
  );
  return {
    dispose: async () => {
      await server.dispose();
    },
    limiter,
  };
}

function withoutHttp(e: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
  return new GraphQLError(e.message, { nodes: e.nodes, extensions });
}

function formatAsError(f: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }): GraphQLError {
  return new GraphQLError(f.message, { path: f.path, extensions: f.extensions });
}
