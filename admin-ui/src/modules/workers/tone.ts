import classes from './tone.module.css';

/** Props that make a light badge or button of `color` readable in both schemes (tone.module.css). */
export function tone(color: string): { color: string; className: string; style: Record<string, string> } {
  return {
    color,
    className: classes.tone,
    style: { '--tone-9': `var(--mantine-color-${color}-9)`, '--tone-2': `var(--mantine-color-${color}-2)`, minWidth: 'max-content' },
  };
}
