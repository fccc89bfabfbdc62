import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { i18n } from './i18n/i18n';

/** A calm blue that keeps contrast on white and on the dark background alike. */
const brand: MantineColorsTuple = ['#eef3ff', '#dce4f5', '#b5c7ea', '#8ba8df', '#6a8dd5', '#5372cf', '#4567cc', '#3757b5', '#2e4da3', '#1f3f90'];

/** The app's look: system fonts (nothing fetched from a CDN), one brand colour, medium radii, readable contrast. */
export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  autoContrast: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    Card: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Tooltip: { defaultProps: { withArrow: true } },
    // Every toast, however it is shown: a named close button (in the current language, read when it renders) and AA contrast for its message.
    Notification: {
      defaultProps: {
        closeButtonProps: {
          get 'aria-label'() {
            return i18n.t('common:dialog.close');
          },
        },
      },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    },
  },
});

/** Mantine's light "dimmed" grey reads at 3.3:1 on white; this one passes WCAG AA (about 6:1) for secondary text. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
