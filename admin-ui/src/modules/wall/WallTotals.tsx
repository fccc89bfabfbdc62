import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';

/** The cluster figures across the top of the wall. */
export const WallTotalsFragment = graphql(`
  fragment WallTotals_summary on ClusterSummary {
    totalAvailableSessions totalMaxSessions totalActiveSessions
    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour
  }
`);

function Figure(props: { label: string; value: number | string; unit?: string; tone?: 'good' | 'warn' | 'bad'; testId: string; large?: boolean }) {
  return (
    <div className="wall-figure" data-tone={props.tone} data-large={props.large || undefined}>
      <span className="wall-figure__label">{props.label}</span>
      <span className="wall-figure__value" data-testid={props.testId}>
        {props.value}
        {props.unit && <span className="wall-figure__unit">{props.unit}</span>}
      </span>
    </div>
  );
}

/** "Total available sessions" and the worker counts by health and drain. */
export function WallTotals(props: { summary: FragmentType<typeof WallTotalsFragment> }) {
  const s = useFragment(WallTotalsFragment, props.summary);
  const { t } = useTranslation('wall');
  return (
    <section className="wall-totals" aria-label={t('totals.label')}>
      <Figure
        large
        label={t('totals.available')}
        value={s.totalAvailableSessions}
        unit={t('totals.ofMax', { max: s.totalMaxSessions })}
        tone={s.totalAvailableSessions > 0 ? 'good' : 'bad'}
        testId="wall-total-available"
      />
      <Figure label={t('totals.active')} value={s.totalActiveSessions} testId="wall-total-active" />
      <Figure label={t('totals.healthy')} value={s.healthyWorkers} tone="good" testId="wall-healthy" />
      <Figure label={t('totals.stale')} value={s.staleWorkers} tone={s.staleWorkers > 0 ? 'bad' : undefined} testId="wall-stale" />
      <Figure
        label={t('totals.draining')}
        value={s.drainingWorkers + s.drainedWorkers}
        tone={s.drainingWorkers + s.drainedWorkers > 0 ? 'warn' : undefined}
        testId="wall-draining"
      />
      <Figure label={t('totals.failed')} value={s.failedSessionsLastHour} tone={s.failedSessionsLastHour > 0 ? 'bad' : undefined} testId="wall-failed" />
    </section>
  );
}
