import { type Icon, IconBrandUbuntu, IconBrandWindows, IconFlask } from '@tabler/icons-react';
import type { ProvisionAction } from '../../gql/graphql';

/** How each kind of product looks: its icon and accent colour (the label is `store:kind.<KIND>`). */
export const PRODUCT_KIND: Record<ProvisionAction, { icon: Icon; color: string }> = {
  LINUX: { icon: IconBrandUbuntu, color: 'orange' },
  WINDOWS: { icon: IconBrandWindows, color: 'blue' },
  TEST: { icon: IconFlask, color: 'grape' },
};

/** A lifetime as the store says it: `{ key, count }` in the `store` namespace (0 = no expiry). */
export function durationText(minutes: number): { key: string; count?: number; hours?: number; minutes?: number } {
  if (minutes <= 0) return { key: 'duration.none' };
  if (minutes < 60) return { key: 'duration.minutes', count: minutes };
  if (minutes % 60 === 0) return { key: 'duration.hours', count: minutes / 60 };
  return { key: 'duration.hoursMinutes', hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
