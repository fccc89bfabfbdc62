import { GraphQLError, Kind, visit, BREAK, type DocumentNode } from 'graphql';
import { ErrorCode } from '../shared/error-codes.js';

/**
 * NUL characters are refused in every string a client sends, in one place for HTTP and
 * graphql-ws alike: PostgreSQL cannot store them in text, so they would otherwise surface as an
 * internal error from whichever statement met them first.
 */
function nulError(field: string): GraphQLError {
  return new GraphQLError(`${field} contains a NUL character (\\u0000), which no text field accepts`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } },
  });
}

/** Throws BAD_USER_INPUT when a string literal in the document holds a NUL. */
export function assertNoNulInDocument(document: DocumentNode): void {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes('\0')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  if (found) throw nulError('a string argument');
}

/** Throws BAD_USER_INPUT naming the variable (path) whose string holds a NUL. */
export function assertNoNulInVariables(variables: unknown): void {
  const path = nulPath(variables, '$');
  if (path) throw nulError(path);
}

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\0') ? `${path}.${key}` : nulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
