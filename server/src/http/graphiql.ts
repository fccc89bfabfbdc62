import { createRequire } from 'node:module';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import express, { type Router } from 'express';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import { sendError } from './error-response.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

const require = createRequire(import.meta.url);

/** Files GraphiQL needs, served from installed packages: no CDN, so it works on offline exam networks. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const ASSETS: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>VDI Portal · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql-assets/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql-assets/react.js"></script>
  <script src="/graphiql-assets/react-dom.js"></script>
  <script src="/graphiql-assets/graphiql.js"></script>
  <script src="/graphiql-assets/graphiql-start.js"></script>
</body>
</html>`;

/**
 * Starts GraphiQL; a file rather than an inline script, so the page runs under `script-src 'self'`.
 * Queries and mutations go over HTTP; subscriptions over graphql-ws on the same path, with the
 * headers from the Headers tab as connection parameters (so the same Authorization works).
 */
const START = `const subscriptionUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
const fetcher = GraphiQL.createFetcher({ url: '/graphql', subscriptionUrl, headers: { 'apollo-require-preflight': 'true' } });
const defaultQuery = [
  '# 1. Log in (fill in the password).',
  '# 2. Put {"Authorization": "Bearer <token>"} in the Headers tab below.',
  '# 3. Subscriptions run too, e.g. subscription { workerUpdated { id code health } }',
  'mutation {',
  '  login(username: "admin", password: "") { token user { id username role } }',
  '}',
  '',
].join('\\n');
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: 'headers', shouldPersistHeaders: true }),
);
`;

/** A browser opening /graphql (not a GET query from a client). */
export function wantsGraphiql(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !/[?&]query=/.test(req.url ?? '');
}

/** GET /graphql from a browser → GraphiQL; its assets under /graphiql-assets/ (an unknown one: 404, NOT_FOUND). */
export function graphiqlRouter(formatError: FormatError): Router {
  const router = express.Router();
  router.get('/graphiql-assets/:file', (req, res) => {
    if (req.params.file === 'graphiql-start.js') return void res.type('application/javascript').set('cache-control', 'no-cache').send(START);
    const file = ASSETS[req.params.file];
    if (!file) return sendError(res, 404, formatThrown(formatError, new DomainError(ErrorCode.NOT_FOUND, `No GraphiQL asset ${req.params.file}`)));
    res.sendFile(file, { maxAge: '1d' });
  });
  router.get('/graphql', (_req, res) => void res.type('html').send(PAGE));
  return router;
}
