import type { WebSocket } from 'ws';

/**
 * Close code of a graphql-ws connection that asked for more subscriptions than allowed (per
 * connection, or per signed-in identity across its connections on this replica), or that stopped
 * reading what it subscribed to. graphql-ws leaves 4400–4499 to applications; 4413 echoes HTTP's
 * "too large".
 */
export const TOO_MANY_SUBSCRIPTIONS = 4413;

/** Caps on live subscriptions. */
export interface SubscriptionCaps {
  perConnection: number;
  perViewer: number;
  /** Bytes a connection may have queued unsent before it is closed (a client that stopped reading). */
  maxBufferedBytes: number;
}

/** What the limiter keeps per connection (held in graphql-ws's `ctx.extra`). */
export interface TrackedConnection {
  viewerKey: string;
  /** graphql-ws's own map of the connection's operations, read fresh each time (it is replaced on close). */
  live: () => Record<string, unknown>;
  socket: WebSocket;
  /** Subscription ids counted in the viewer's total and not yet seen to end. */
  counted: Set<string>;
  closed: boolean;
}

/**
 * Counts subscriptions per connection (graphql-ws's map, at most `perConnection` long, so reading
 * it is cheap) and per viewer (a running total; ended subscriptions are pruned lazily, and all of a
 * viewer's connections are recounted before anything is refused). A connection past a cap is
 * closed with {@link TOO_MANY_SUBSCRIPTIONS}: the operations it already had end with it, and the
 * memory they held is released.
 */
export class SubscriptionLimiter {
  private readonly byViewer = new Map<string, { total: number; connections: Set<TrackedConnection> }>();

  constructor(private readonly caps: SubscriptionCaps) {}

  /** Starts tracking a connection once it is authenticated. */
  track(conn: TrackedConnection): void {
    let entry = this.byViewer.get(conn.viewerKey);
    if (!entry) {
      entry = { total: 0, connections: new Set() };
      this.byViewer.set(conn.viewerKey, entry);
    }
    entry.connections.add(conn);
  }

  /**
   * Admits subscription `id` (already in graphql-ws's map), or closes the connection and returns
   * false. Queries and mutations over the socket count while they run, like subscriptions.
   */
  admit(conn: TrackedConnection, id: string): boolean {
    if (conn.closed) return false;
    const entry = this.byViewer.get(conn.viewerKey);
    if (!entry) return this.refuse(conn, 'not signed in');
    let count = 0;
    for (const _ in conn.live())
      if (++count > this.caps.perConnection) return this.refuse(conn, `more than ${this.caps.perConnection} subscriptions on one connection`);
    this.prune(entry, conn);
    if (entry.total + 1 > this.caps.perViewer) {
      for (const other of entry.connections) this.prune(entry, other);
      if (entry.total + 1 > this.caps.perViewer) return this.refuse(conn, `more than ${this.caps.perViewer} subscriptions for one sign-in`);
    }
    if (!conn.counted.has(id)) {
      conn.counted.add(id);
      entry.total++;
    }
    return true;
  }

  /** Whether the connection has more unsent bytes queued than allowed; if so it is closed. */
  overBuffered(conn: TrackedConnection): boolean {
    if (conn.socket.bufferedAmount <= this.caps.maxBufferedBytes) return false;
    this.refuse(conn, 'the client is not reading its subscriptions');
    return true;
  }

  /** Stops tracking a closed connection. */
  release(conn: TrackedConnection): void {
    conn.closed = true;
    const entry = this.byViewer.get(conn.viewerKey);
    if (!entry?.connections.delete(conn)) return;
    entry.total -= conn.counted.size;
    conn.counted.clear();
    if (entry.connections.size === 0) this.byViewer.delete(conn.viewerKey);
  }

  /** Live subscriptions counted for a viewer on this replica (for tests and diagnostics). */
  countFor(viewerKey: string): number {
    const entry = this.byViewer.get(viewerKey);
    if (!entry) return 0;
    for (const conn of entry.connections) this.prune(entry, conn);
    return entry.total;
  }

  private prune(entry: { total: number }, conn: TrackedConnection): void {
    const live = conn.live();
    for (const id of conn.counted) {
      if (!(id in live)) {
        conn.counted.delete(id);
        entry.total--;
      }
    }
  }

  private refuse(conn: TrackedConnection, reason: string): false {
    if (!conn.closed) {
      this.release(conn);
      conn.socket.close(TOO_MANY_SUBSCRIPTIONS, `Too many subscriptions: ${reason}`.slice(0, 120));
      // A flood has thousands more messages already received: drop them unread instead of
      // refusing each one, so the closing costs nothing more.
      conn.socket.removeAllListeners('message');
    }
    return false;
  }
}
