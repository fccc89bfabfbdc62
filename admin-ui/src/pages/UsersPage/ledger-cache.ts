import type { ApolloCache, Reference } from '@apollo/client';

/** The arguments Apollo encoded into a `coinLedger(...)` store field name. */
function ledgerArgs(storeFieldName: string): { userId?: string; after?: string | null; first?: number } {
  const open = storeFieldName.indexOf('(');
  if (open < 0) return {};
  try {
    return JSON.parse(storeFieldName.slice(open + 1, -1)) as { userId?: string; after?: string | null };
  } catch {
    return {};
  }
}

interface LedgerConnectionRef {
  totalCount: number;
  edges: { __typename?: string; cursor: string; node: Reference }[];
}

/**
 * After an adjustment, without a refetch: the user's row takes the new balance, and the new entry
 * heads the first page of their ledger (the only page it can land on; newest first). Entries of
 * the ledger sum query are not cached, so nothing else holds a stale copy.
 */
export function applyAdjustment(cache: ApolloCache<unknown>, userId: string, entry: { id: string; balanceAfter: number }): void {
  cache.modify({ id: cache.identify({ __typename: 'User', id: userId }), fields: { coinBalance: () => entry.balanceAfter } });
  const ref = cache.identify({ __typename: 'CoinLedgerEntry', id: entry.id });
  if (!ref) return;
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      coinLedger(value, { storeFieldName }) {
        const existing = value as LedgerConnectionRef;
        const args = ledgerArgs(storeFieldName);
        if (args.userId !== userId || args.after || !existing?.edges) return existing;
        if (existing.edges.some((e) => e.node.__ref === ref)) return existing;
        const edge = { __typename: 'CoinLedgerEntryEdge', cursor: '', node: { __ref: ref } };
        return { ...existing, totalCount: existing.totalCount + 1, edges: [edge, ...existing.edges] };
      },
    },
  });
}
