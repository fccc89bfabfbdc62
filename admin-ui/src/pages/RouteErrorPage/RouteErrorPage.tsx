import { Button } from '@mantine/core';
import { IconRefresh, IconBug } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { ResultView } from '../../components/ResultView';

/** A page that crashed or whose code could not load (often a new deployment): offers a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : String(error ?? '');
  return (
    <ResultView
      icon={<IconBug size={36} />}
      color="red"
      title={t('routeError.title')}
      body={detail ? t('routeError.bodyWithDetail', { detail }) : t('routeError.body')}
      action={
        <Button leftSection={<IconRefresh size={16} />} onClick={() => location.reload()}>
          {t('routeError.reload')}
        </Button>
      }
    />
  );
}
