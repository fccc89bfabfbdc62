import type { DrainStatus, WorkerHealth, WorkerStatus } from '../../gql/graphql';

/** A tile's colour and word: green healthy, amber draining/drained, red stale, grey disabled. */
export type WallTileState = 'healthy' | 'draining' | 'drained' | 'stale' | 'disabled';

/**
 * What a worker's tile says, most telling first: a disabled worker was taken out on purpose
 * (grey, even when silent); a silent one is red before its drain is mentioned.
 */
export function wallTileState(w: { status: WorkerStatus; health: WorkerHealth; drainStatus: DrainStatus }): WallTileState {
  if (w.status === 'DISABLED') return 'disabled';
  if (w.health === 'STALE') return 'stale';
  if (w.drainStatus === 'DRAINING') return 'draining';
  if (w.drainStatus === 'DRAINED') return 'drained';
  return 'healthy';
}

/** A whole percentage between 0 and 100, or null when unknown. */
export function clampPercent(value: number | null | undefined): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  return Math.round(Math.min(100, Math.max(0, value)));
}
