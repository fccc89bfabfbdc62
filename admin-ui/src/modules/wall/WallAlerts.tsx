import { useTranslation } from 'react-i18next';

/** How many worker codes an alert names before "+N more". */
const MAX_CODES = 8;

function Codes(props: { codes: readonly string[] }) {
  const { t } = useTranslation('wall');
  const shown = props.codes.slice(0, MAX_CODES);
  const more = props.codes.length - shown.length;
  return (
    <span className="wall-alert__codes">
      {shown.join(', ')}
      {more > 0 && ` ${t('alerts.more', { count: more })}`}
    </span>
  );
}

/**
 * The strip under the totals: which workers are stale, which are draining or drained, and how many
 * desktops failed in the last hour; a calm "no alerts" line when all is well.
 */
export function WallAlerts(props: { stale: readonly string[]; draining: readonly string[]; failedLastHour: number }) {
  const { t } = useTranslation('wall');
  const quiet = props.stale.length === 0 && props.draining.length === 0 && props.failedLastHour === 0;
  return (
    <section className="wall-alerts" aria-label={t('alerts.label')} data-testid="wall-alerts" data-quiet={quiet || undefined}>
      {quiet && (
        <span className="wall-alert" data-tone="good">
          {t('alerts.none')}
        </span>
      )}
      {props.stale.length > 0 && (
        <span className="wall-alert" data-tone="bad" data-testid="wall-alert-stale">
          <strong>{t('alerts.stale', { count: props.stale.length })}</strong> <Codes codes={props.stale} />
        </span>
      )}
      {props.draining.length > 0 && (
        <span className="wall-alert" data-tone="warn" data-testid="wall-alert-draining">
          <strong>{t('alerts.draining', { count: props.draining.length })}</strong> <Codes codes={props.draining} />
        </span>
      )}
      {props.failedLastHour > 0 && (
        <span className="wall-alert" data-tone="bad" data-testid="wall-alert-failed">
          <strong>{t('alerts.failed', { count: props.failedLastHour })}</strong>
        </span>
      )}
    </section>
  );
}
