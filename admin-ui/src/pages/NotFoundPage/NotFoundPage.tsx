import { Button } from '@mantine/core';
import { IconHome, IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ResultView } from '../../components/ResultView';

/** Any path the app does not know: says so and leads home. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <ResultView
      icon={<IconMapOff size={36} />}
      code="404"
      title={t('notFound.title')}
      body={t('notFound.body', { path: pathname })}
      action={
        <Button component={Link} to="/" leftSection={<IconHome size={16} />}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
