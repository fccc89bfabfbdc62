import { type Icon, IconBrandUbuntu, IconBrandWindows, IconFlask, IconSchool } from '@tabler/icons-react';
import type { LinuxDesktop, ProvisionAction } from '../../gql/graphql';

/** What a person buys, in their words: a Linux desktop, a Windows machine, the test image, or an exam kiosk. */
export type ProductKind = 'LINUX_DESKTOP' | 'LINUX_KIOSK' | 'WINDOWS' | 'TEST';

/** The kind of a product from its provision action and (for LINUX) which desktop it gives. */
export function productKind(p: { provisionAction: ProvisionAction; linuxDesktop?: LinuxDesktop | null }): ProductKind {
  if (p.provisionAction === 'LINUX') return p.linuxDesktop === 'DESKTOP' ? 'LINUX_DESKTOP' : 'LINUX_KIOSK';
  return p.provisionAction;
}

/** How each kind of product looks: its icon and accent colour (the label is `store:kind.<KIND>`). */
export const PRODUCT_KIND: Record<ProductKind, { icon: Icon; color: string }> = {
  LINUX_DESKTOP: { icon: IconBrandUbuntu, color: 'orange' },
  LINUX_KIOSK: { icon: IconSchool, color: 'teal' },
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
