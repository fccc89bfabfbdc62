import { Button } from '@mantine/core';
import { IconHome, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResultView } from '../../components/ResultView';
import type { Role } from '../../gql/graphql';

/** A page the signed-in person's role may not open. */
export function NotAllowedPage(props: { role: Role }) {
  const { t } = useTranslation();
  return (
    <ResultView
      icon={<IconLock size={36} />}
      color="orange"
      code="403"
      title={t('notAllowed.title')}
      body={t('notAllowed.body', { role: t(`roles.${props.role}`) })}
      action={
        <Button component={Link} to="/" leftSection={<IconHome size={16} />}>
          {t('notAllowed.home')}
        </Button>
      }
    />
  );
}
