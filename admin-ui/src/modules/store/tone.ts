import type { CSSProperties } from 'react';
import classes from './tone.module.css';

/** Props that colour a light badge's text in `color`, readable in light and dark schemes. */
export function tone(color: string): { className: string; style: CSSProperties } {
  return {
    className: classes.tone ?? '',
    style: { '--tone-light': `var(--mantine-color-${color}-9)`, '--tone-dark': `var(--mantine-color-${color}-2)` } as CSSProperties,
  };
}
