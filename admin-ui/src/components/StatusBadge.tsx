import type { CSSProperties, ReactNode } from 'react';
import { Badge, type BadgeProps } from '@mantine/core';
import classes from './StatusBadge.module.css';

/**
 * A state word on a coloured tint ("Active", "Disabled", "Sold out", …), readable in both colour
 * schemes (AA contrast). `color` is a theme colour name: teal, red, orange, gray, …
 */
export function StatusBadge(props: Omit<BadgeProps, 'color' | 'variant'> & { color: string; variant?: 'light' | 'outline'; children: ReactNode }) {
  const { color, variant = 'light', style, className, ...rest } = props;
  const vars = {
    '--status-badge-light': `color-mix(in srgb, var(--mantine-color-${color}-9) 75%, black)`,
    '--status-badge-dark': `var(--mantine-color-${color}-3)`,
  } as CSSProperties;
  return (
    <Badge
      radius="sm"
      {...rest}
      variant={variant}
      color={variant === 'outline' ? `${color}.9` : color}
      className={[classes.root, className].filter(Boolean).join(' ')}
      style={{ ...vars, ...(style as CSSProperties | undefined) }}
    />
  );
}
