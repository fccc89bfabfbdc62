import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { createFormatError, errorBody, formatThrown } from './format-error.js';
import { createLogger } from '../observability/logger.js';
import { BadInputError, DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

const logger = createLogger('silent');

describe('formatError (the one boundary mapper)', () => {
  it('turns a domain error into its code and extensions', () => {
    const err = new GraphQLError('x', { originalError: new BadInputError('amount', 'must be positive'), path: ['adjustCoins'] });
    expect(createFormatError(logger, true)({ message: 'x', path: ['adjustCoins'] }, err)).toEqual({
      message: 'amount: must be positive',
      path: ['adjustCoins'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    });
  });

  it('masks an unexpected error in production', () => {
    const err = new GraphQLError('connection string postgres://secret@db leaked', {
      originalError: new Error('connection string postgres://secret@db leaked'),
      path: ['workers'],
    });
    const out = createFormatError(logger, true)({ message: err.message, path: ['workers'] }, err);
    expect(out).toEqual({ message: 'Internal server error', path: ['workers'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps the message of an unexpected error outside production, still coded', () => {
    const err = new GraphQLError('boom', { originalError: new Error('boom'), path: ['workers'] });
    const out = createFormatError(logger, false)({ message: 'boom', path: ['workers'] }, err);
    expect(out.message).toBe('boom');
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keeps catalogue codes GraphQL itself sets', () => {
    const out = createFormatError(logger, true)({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('Syntax Error'));
    expect(out.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps the details of a catalogue code GraphQL errors carry (a NUL variable names its field), without a stack trace', () => {
    const formatted = { message: 'x', extensions: { code: 'BAD_USER_INPUT', field: '$.u', stacktrace: ['at x'] } };
    expect(createFormatError(logger, false)(formatted, new GraphQLError('x')).extensions).toEqual({ code: 'BAD_USER_INPUT', field: '$.u' });
  });

  it('formats what the HTTP edge refuses or trips over like any other error, and writes one body without extensions.http', () => {
    const format = createFormatError(logger, true);
    expect(formatThrown(format, new DomainError(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON'))).toMatchObject({
      message: 'Request body is not valid JSON',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(formatThrown(format, new Error('socket hang up at 10.0.0.7'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const guard = new GraphQLError('Query is too deep', { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5, http: { status: 400 } } });
    expect(JSON.parse(errorBody(formatThrown(format, guard)))).toEqual({
      errors: [{ message: 'Query is too deep', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5 } }],
    });
  });
});
