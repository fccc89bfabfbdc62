import { useMemo } from 'react';
import { useQuery } from '@apollo/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNow } from '../../components/use-now';
import { toApiError } from '../../modules/api/api-error';
import { useLiveStatus } from '../../modules/live/use-live-status';
import type { FragmentType } from '../../gql';
import { examsForWall } from '../../modules/wall/countdown';
import type { WallExamFragment } from '../../modules/wall/WallExamCard';
import { WallAlerts } from '../../modules/wall/WallAlerts';
import { WallDisconnectedBanner, WallMessage } from '../../modules/wall/WallStates';
import { WallTile } from '../../modules/wall/WallTile';
import { WallTileGrid } from '../../modules/wall/WallTileGrid';
import { WallTotals } from '../../modules/wall/WallTotals';
import { wallTileState } from '../../modules/wall/wall-tile-state';
import { WallExamReadiness } from './WallExamReadiness';
import { useWallLive } from './use-wall-live';
import { WALL_BOARD } from './wall-documents';

/** How many exam cards fit above the tiles; the soonest are shown. */
const MAX_EXAMS = 4;

/** The clock and live state at the top right; only this part ticks each second. */
function WallClock() {
  const { t, i18n } = useTranslation('wall');
  const now = useNow();
  const status = useLiveStatus();
  return (
    <>
      <span className="wall-top__live" data-status={status} data-testid="wall-live">
        {t(`live.${status}`)}
      </span>
      <time className="wall-top__clock" dateTime={new Date(now).toISOString()}>
        {new Date(now).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
      </time>
    </>
  );
}

/** The exams strip: running and later-today exams, re-chosen each minute as time passes. */
function WallExams(props: { exams: readonly ({ id: string; startsAt: string; endsAt: string } & FragmentType<typeof WallExamFragment>)[] }) {
  const { t } = useTranslation('wall');
  const minute = Math.floor(useNow() / 60_000);
  const shown = useMemo(() => examsForWall(props.exams, minute * 60_000), [props.exams, minute]);
  if (shown.length === 0) return null;
  return (
    <section className="wall-exams" aria-label={t('exam.label')}>
      {shown.slice(0, MAX_EXAMS).map((e) => (
        <WallExamReadiness key={e.id} examId={e.id} exam={e} />
      ))}
    </section>
  );
}

/**
 * The wall itself, for a wall link or a signed-in ADMIN/OPERATOR: totals, exams, alerts and a
 * tile per worker, live. `admin` adds the way to the wall links page.
 */
export function WallBoard(props: { admin?: boolean }) {
  const { t } = useTranslation('wall');
  const status = useLiveStatus();
  const usage = useWallLive();
  const { data, error, refetch } = useQuery(WALL_BOARD, { notifyOnNetworkStatusChange: false });
  const workers = data?.workers;
  const alerts = useMemo(() => {
    const stale: string[] = [];
    const draining: string[] = [];
    for (const w of workers ?? []) {
      const state = wallTileState(w);
      if (state === 'stale') stale.push(w.code);
      if (state === 'draining' || state === 'drained') draining.push(w.code);
    }
    return { stale, draining };
  }, [workers]);

  if (!data) {
    if (error) {
      const e = toApiError(error);
      return (
        <WallMessage tone="bad" title={t('error.title')} body={`${e.code}: ${e.message}`} testId="wall-error">
          <button type="button" className="wall-top__link" onClick={() => void refetch()}>
            {t('error.retry')}
          </button>
        </WallMessage>
      );
    }
    return <WallMessage title={t('loading')} testId="wall-loading" />;
  }
  return (
    <main className="wall-root" data-testid="wall">
      <header className="wall-top">
        <h1 className="wall-top__title">{t('title')}</h1>
        <span className="wall-top__spacer" />
        {props.admin && (
          <Link className="wall-top__link" to="/wall/links">
            {t('top.links')}
          </Link>
        )}
        <WallClock />
      </header>
      <WallDisconnectedBanner status={status} />
      <WallTotals summary={data.clusterSummary} />
      <WallExams exams={data.exams} />
      <WallAlerts stale={alerts.stale} draining={alerts.draining} failedLastHour={data.clusterSummary.failedSessionsLastHour} />
      {data.workers.length === 0 ? (
        <div className="wall-message__box" data-testid="wall-empty">
          <p className="wall-message__body">{t('empty')}</p>
        </div>
      ) : (
        <WallTileGrid count={data.workers.length}>
          {data.workers.map((w) => (
            <WallTile key={w.id} worker={w} usage={usage} />
          ))}
        </WallTileGrid>
      )}
    </main>
  );
}
