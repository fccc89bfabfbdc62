import { useTranslation } from 'react-i18next';
import { relativeTimeKey } from '../../components/relative-time-format';
import { useNow } from '../../components/use-now';

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/** The hover text's formatter, made once per language (building one costs more than rendering the row). */
function absoluteFormat(language: string): Intl.DateTimeFormat {
  let f = absoluteFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    absoluteFormats.set(language, f);
  }
  return f;
}

/**
 * "last heartbeat 12 s ago", ticking with the shared clock; the absolute time on hover. Lighter
 * than RelativeTime (no tooltip component), for tables of hundreds of workers.
 */
export function HeartbeatAge(props: { at: string | null | undefined }) {
  const { t, i18n } = useTranslation('workers');
  const now = useNow();
  if (!props.at) return <span>{t('common:time.never')}</span>;
  const then = Date.parse(props.at);
  const rel = relativeTimeKey(Math.min(then, now), now);
  const text = rel ? t(`common:${rel.key}`, { count: rel.count }) : new Date(then).toLocaleString(i18n.language);
  const absolute = absoluteFormat(i18n.language).format(then);
  return (
    <time dateTime={new Date(then).toISOString()} title={absolute} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </time>
  );
}

/** "2.0 / 12.0 GB" from megabytes; "—" when unknown. */
export function formatMemory(usedMb: number | null | undefined, totalMb: number | null | undefined): string {
  const gb = (mb: number) => (mb / 1024).toFixed(1);
  if (usedMb == null) return totalMb ? `— / ${gb(totalMb)} GB` : '—';
  return totalMb ? `${gb(usedMb)} / ${gb(totalMb)} GB` : `${gb(usedMb)} GB`;
}

/** "12.5 %"; "—" when unknown. */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : `${value.toFixed(1)} %`;
}
