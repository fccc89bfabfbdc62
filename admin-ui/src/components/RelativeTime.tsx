import { Tooltip } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { relativeTimeKey } from './relative-time-format';
import { useNow } from './use-now';

/**
 * "12 s ago", ticking each second, in the current language; the absolute time on hover (and in
 * `<time datetime>`). Past a day it reads "3 days ago" (dayjs, in the current locale).
 */
export function RelativeTime(props: { value: string | number | Date | null | undefined; fallback?: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (props.value === null || props.value === undefined) return <span>{props.fallback ?? t('time.never')}</span>;
  const then = dayjs(props.value);
  if (!then.isValid()) return <span>{props.fallback ?? t('time.never')}</span>;
  const rel = relativeTimeKey(then.valueOf(), now);
  const text = rel ? t(rel.key, { count: rel.count }) : then.locale(i18n.language).from(now);
  const absolute = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(then.toDate());
  return (
    <Tooltip label={absolute} openDelay={300} withArrow>
      <time dateTime={then.toISOString()} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {text}
      </time>
    </Tooltip>
  );
}
