import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { clampPercent, wallTileState } from './wall-tile-state';
import { useWallUsage, type WallUsageStore } from './wall-usage-store';

/** What a worker's tile on the wall shows. */
export const WallTileFragment = graphql(`
  fragment WallTile_worker on Worker {
    id code health status drainStatus
    slotsAvailable maxSessions
    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt
  }
`);

/** How much newer the stored heartbeat must be to replace the streamed one. */
const STORED_LEAD_MS = 5_000;

/** A labelled bar; the figure is text beside it, the bar only draws it. */
function UsageBar(props: { label: string; percent: number | null; kind: 'cpu' | 'mem' }) {
  const width = props.percent ?? 0;
  return (
    <div className="wall-bar" data-kind={props.kind}>
      <span className="wall-bar__label">{props.label}</span>
      <span className="wall-bar__track" aria-hidden>
        <span className="wall-bar__fill" style={{ transform: `scaleX(${width / 100})` }} data-high={width >= 85 || undefined} />
      </span>
      <span className="wall-bar__value">{props.percent === null ? '–' : `${props.percent}%`}</span>
    </div>
  );
}

/**
 * One worker: its code, state word, free/max slots and CPU and memory bars. Memoised, and its load
 * figures come from the heartbeat store for this worker only: a heartbeat re-renders one tile.
 */
export const WallTile = memo(function WallTile(props: { worker: FragmentType<typeof WallTileFragment>; usage: WallUsageStore }) {
  const w = useFragment(WallTileFragment, props.worker);
  const { t } = useTranslation('wall');
  const live = useWallUsage(props.usage, w.id);
  const reportedAt = w.lastHeartbeatAt ? Date.parse(w.lastHeartbeatAt) : 0;
  // The heartbeat stream is the freshest source (the stored figures trail it by a flush); the query's
  // figures win only when clearly newer, as after a reconnect that missed beats.
  const fresh = live && live.at + STORED_LEAD_MS >= reportedAt ? live : null;
  const cpu = clampPercent(fresh ? fresh.cpuPercent : w.cpuPercent);
  const memUsed = fresh ? fresh.memoryUsedMb : w.memoryUsedMb;
  const mem = clampPercent(memUsed != null && w.memoryTotalMb > 0 ? (memUsed / w.memoryTotalMb) * 100 : null);
  const state = wallTileState(w);
  return (
    <li className="wall-tile" data-state={state} data-worker-code={w.code} data-testid="wall-tile">
      <div className="wall-tile__head">
        <span className="wall-tile__code" title={w.code}>
          {w.code}
        </span>
        <span className="wall-tile__state">{t(`state.${state}`)}</span>
      </div>
      <div className="wall-tile__slots" title={t('tile.slotsHint')}>
        <span className="wall-tile__slots-value" data-testid="wall-tile-slots">
          {w.slotsAvailable}/{w.maxSessions}
        </span>
        <span className="wall-tile__slots-unit">{t('tile.slots')}</span>
      </div>
      <UsageBar kind="cpu" label={t('tile.cpu')} percent={cpu} />
      <UsageBar kind="mem" label={t('tile.memory')} percent={mem} />
    </li>
  );
});
