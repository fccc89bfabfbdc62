import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLFormattedError } from 'graphql';
import { errorBody } from '../graphql/format-error.js';

/**
 * Answers a request the HTTP edge refuses itself with `status` and the body every error answer
 * has (`{ errors: [{ message, extensions: { code } }] }`), formatted by the one formatter.
 */
export function sendError(res: ServerResponse, status: number, error: GraphQLFormattedError, headers: Record<string, string> = {}): void {
  const body = errorBody(error);
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

/** Refuses a WebSocket upgrade on its raw socket with `status` and the same body. */
export function refuseUpgrade(socket: Duplex, status: number, error: GraphQLFormattedError): void {
  if (socket.destroyed) return;
  const body = errorBody(error);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
