/** The `common` keys `relativeTimeKey` can return (the catalogue test checks both languages have them). */
export const RELATIVE_TIME_KEYS = ['time.secondsAgo', 'time.minutesAgo', 'time.hoursAgo', 'time.secondsIn', 'time.minutesIn', 'time.hoursIn'] as const;

/** Which `common:time.*` key and count describe a moment relative to now, or null when it is over a day away. */
export function relativeTimeKey(thenMs: number, nowMs: number): { key: string; count: number } | null {
  const diffSec = Math.round((nowMs - thenMs) / 1000);
  const past = diffSec >= 0;
  const abs = Math.abs(diffSec);
  const suffix = past ? 'Ago' : 'In';
  if (abs < 60) return { key: `time.seconds${suffix}`, count: abs };
  if (abs < 3600) return { key: `time.minutes${suffix}`, count: Math.floor(abs / 60) };
  if (abs < 86_400) return { key: `time.hours${suffix}`, count: Math.floor(abs / 3600) };
  return null;
}
