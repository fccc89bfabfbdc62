import { useState } from 'react';
import { useCatchUpOnReconnect } from '../../modules/live/use-catch-up-on-reconnect';
import { IN_BETWEEN_STATES, useReadWhileBetween } from '../../modules/live/use-read-while-between';
import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconDeviceDesktopOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState, QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { toApiError } from '../../modules/api/api-error';
import { DesktopCard } from '../../modules/my-desktops/DesktopCard';
import { DesktopLog } from './DesktopLog';

const MY_SESSIONS = graphql(`
  query MyDesktopsPage_sessions {
    mySessions { id state connection { password } ...DesktopCard_session }
  }
`);

/** Every change to one of my desktops; a desktop bought in another tab joins the list. */
const SESSION_UPDATED = graphql(`
  subscription MyDesktopsPage_sessionUpdated {
    sessionUpdated { id state connection { password } ...DesktopCard_session }
  }
`);

const DELETE = graphql(`
  mutation MyDesktopsPage_delete($id: ID!) {
    deleteSession(id: $id) { id state ...DesktopCard_session }
  }
`);

/** `/my` (USER): my desktops, live: state, connection and log, "Open desktop", "Delete". */
export function MyDesktopsPage() {
  const { t } = useTranslation('my');
  const result = useQuery(MY_SESSIONS);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  useSubscription(SESSION_UPDATED, {
    onData: ({ client, data }) => {
      const s = data.data?.sessionUpdated;
      if (!s) return;
      client.cache.updateQuery({ query: MY_SESSIONS }, (list) =>
        list && !list.mySessions.some((x) => x.id === s.id) ? { mySessions: [s, ...list.mySessions] } : undefined,
      );
    },
  });
  useCatchUpOnReconnect(() => result.refetch().catch(() => undefined));
  // While a desktop is between states the list is also read now and then (a change may beat the subscription).
  useReadWhileBetween(result.data?.mySessions.some((s) => IN_BETWEEN_STATES.has(s.state)) ?? false, result.refetch);
  const [remove] = useMutation(DELETE);
  const onDelete = async (id: string) => {
    try {
      await remove({ variables: { id } });
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({
        color: 'red',
        title: t('delete.failed'),
        message: `${err.code}: ${err.message}`,
        closeButtonProps: { 'aria-label': t('common:confirm.cancel') },
      });
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button component={Link} to="/store" variant="default" leftSection={<IconBuildingStore size={16} />}>
            {t('toStore')}
          </Button>
        }
      />
      <QueryState
        result={result}
        loading={<LoadingState variant="lines" rows={5} />}
        isEmpty={(d) => d.mySessions.length === 0}
        empty={{
          icon: <IconDeviceDesktopOff size={28} />,
          title: t('empty.title'),
          hint: t('empty.hint'),
          action: (
            <Button component={Link} to="/store" leftSection={<IconBuildingStore size={16} />}>
              {t('empty.action')}
            </Button>
          ),
        }}
      >
        {(d) => (
          <Stack gap="md">
            {d.mySessions.map((s) => (
              <DesktopCard
                key={s.id}
                session={s}
                logOpen={open[s.id] ?? false}
                onToggleLog={() => setOpen((o) => ({ ...o, [s.id]: !o[s.id] }))}
                onDelete={() => onDelete(s.id)}
                log={<DesktopLog sessionId={s.id} secret={s.connection?.password} waiting={s.state === 'PENDING' || s.state === 'PROVISIONING'} />}
              />
            ))}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
