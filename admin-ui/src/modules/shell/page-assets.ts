import { loadPageCatalogues } from '../../i18n/i18n';

/**
 * What every page needs beside its own code, fetched once alongside the first page opened: the
 * pages' translations in the language in use and the full Mantine styles. The first screen (shell,
 * sign-in spinner) needs neither, so they stay out of the first load.
 */
export async function loadPageAssets(): Promise<void> {
  await Promise.all([loadPageCatalogues(), import('./page-styles.css')]);
}
