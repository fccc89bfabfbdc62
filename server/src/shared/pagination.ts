import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadInputError } from './domain-error.js';

/** Relay page info. */
@ObjectType({ description: 'Where a page sits in its list' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page' })
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass as `after` for the next page' })
  endCursor?: string | null;
}

/** The shape every connection has. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection type `<Name>Connection` with its `<Name>Edge`. */
export function Connection<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item' })
    cursor!: string;
    @Field(() => node, { description: `The ${name}` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items` })
  class Conn implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'Items of this page' })
    edges!: Edge[];
    @Field(() => PageInfo, { description: 'Where this page sits' })
    pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Items in the whole list' })
    totalCount!: number;
  }
  return Conn;
}

/** Keyset position: the sort value and the id that breaks ties. */
export interface Cursor {
  key: string;
  id: string;
}

export const cursors = {
  encode(key: string, id: string): string {
    return Buffer.from(JSON.stringify([key, id])).toString('base64url');
  },
  decode(cursor: string | null | undefined): Cursor | null {
    if (!cursor) return null;
    try {
      const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      if (typeof key === 'string' && typeof id === 'string') return { key, id };
    } catch {
      /* fall through to the error below */
    }
    throw new BadInputError('after', 'is not a cursor from this API');
  },
  /** Page size: 1..200, default 50. */
  size(first: number | null | undefined): number {
    if (first == null) return 50;
    if (!Number.isInteger(first) || first < 1 || first > 200) throw new BadInputError('first', 'must be from 1 to 200');
    return first;
  },
};

/** Cuts `rows` (fetched as size + 1) into a connection. */
export function toConnection<T extends { id: string }>(rows: T[], size: number, totalCount: number, keyOf: (row: T) => string): ConnectionShape<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursors.encode(keyOf(node), node.id), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
