import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { Anchor, Breadcrumbs, Button, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconDeviceDesktopOff, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import { ConfirmButton } from '../../components/confirm';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../components/QueryState';
import { ReconnectingAlert } from '../../components/ReconnectingAlert';
import { toApiError } from '../../modules/api/api-error';
import { useViewer } from '../../modules/auth/use-viewer';
import { useCatchUpOnReconnect } from '../../modules/live/use-catch-up-on-reconnect';
import { IN_BETWEEN_STATES, useReadWhileBetween } from '../../modules/live/use-read-while-between';
import { ConnectionInfo, SessionFacts, SessionTimeline } from '../../modules/sessions/SessionDetailView';
import { downloadLog, SessionLogView } from '../../modules/sessions/SessionLogView';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import { tone } from '../../modules/workers/tone';
import { useSessionLog } from './use-session-log';

const SESSION = graphql(`
  query SessionDetailPage_session($id: ID!) {
    session(id: $id) { id state ownerId ...SessionDetail_session }
  }
`);

const SESSION_UPDATED = graphql(`
  subscription SessionDetailPage_updated($id: ID!) {
    sessionUpdated(id: $id) { id state ownerId ...SessionDetail_session }
  }
`);

const DELETE = graphql(`
  mutation SessionDetailPage_delete($id: ID!) {
    deleteSession(id: $id) { id state ...SessionDetail_session }
  }
`);

/** States after which there is nothing left to delete. */
const OVER = new Set(['STOPPING', 'DELETED', 'FAILED', 'EXPIRED']);

function Panel(props: { title: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} fz="md" fw={600} mb="sm">
        {props.title}
      </Title>
      {props.children}
    </Card>
  );
}

/** The live log panel: the stored log, then the tail; explains when the viewer may not read it. */
function LogPanel(props: { sessionId: string }) {
  const { t } = useTranslation('sessions');
  const log = useSessionLog(props.sessionId, true);
  let body: ReactNode;
  if (log.error) {
    const code = toApiError(log.error).code;
    body =
      code === 'FORBIDDEN' || code === 'NOT_FOUND' ? (
        <Text size="sm" c="dimmed">
          {t('log.notAllowed')}
        </Text>
      ) : (
        <ErrorState error={log.error} onRetry={log.retry} compact />
      );
  } else if (log.loading) body = <LoadingState variant="lines" rows={5} />;
  else
    body = (
      <SessionLogView
        lines={log.lines}
        paused={log.paused}
        waiting={log.waiting}
        onPause={log.pause}
        onResume={log.resume}
        onDownload={() => downloadLog(props.sessionId, log.all())}
      />
    );
  return <Panel title={t('log.title')}>{body}</Panel>;
}

/** `/sessions/:id`: one session, live: state, timeline, connection, log, "Open desktop" and "Delete". */
export function SessionDetailPage() {
  const { t } = useTranslation('sessions');
  const id = useParams().id ?? '';
  const viewer = useViewer();
  const result = useQuery(SESSION, { variables: { id } });
  useSubscription(SESSION_UPDATED, { variables: { id } });
  useCatchUpOnReconnect(() => result.refetch().catch(() => undefined));
  // Between states the page also reads the session now and then (a change may beat the subscription).
  useReadWhileBetween(result.data?.session ? IN_BETWEEN_STATES.has(result.data.session.state) : false, result.refetch);
  const [remove, removing] = useMutation(DELETE);
  const session = result.data?.session;

  const onDelete = async () => {
    try {
      await remove({ variables: { id } });
      notifications.show({ closeButtonProps: { 'aria-label': t('close') }, color: 'teal', message: t('deleted') });
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({ closeButtonProps: { 'aria-label': t('close') }, color: 'red', title: t('failed', { code: err.code }), message: err.message });
    }
  };
  const canView = session?.state === 'READY' && (viewer?.role === 'ADMIN' || viewer?.id === session.ownerId);
  const notFound = (
    <EmptyState
      icon={<IconDeviceDesktopOff size={28} />}
      title={t('detail.notFound')}
      hint={t('detail.notFoundHint')}
      action={
        <Anchor component={Link} to="/sessions">
          {t('detail.back')}
        </Anchor>
      }
    />
  );

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/sessions" size="sm">
          {t('title')}
        </Anchor>
        <span>{id.slice(0, 8)}</span>
      </Breadcrumbs>
      {result.error && toApiError(result.error).code === 'NOT_FOUND' ? (
        notFound
      ) : (
        <QueryState result={result} loading={<LoadingState variant="cards" />}>
          {() =>
            !session ? (
              notFound
            ) : (
              <>
                <PageHeader
                  title={t('detail.title', { id: id.slice(0, 8) })}
                  badge={<SessionStateBadge state={session.state} size="lg" />}
                  actions={
                    <>
                      {canView && (
                        <Button component={Link} to={`/viewer/${id}`} leftSection={<IconDeviceDesktop size={16} />}>
                          {t('openDesktop')}
                        </Button>
                      )}
                      {!OVER.has(session.state) && (
                        <ConfirmButton
                          {...tone('red')}
                          leftSection={<IconTrash size={16} />}
                          loading={removing.loading}
                          confirm={{ title: t('deleteDialog.title'), message: t('deleteDialog.message'), confirmLabel: t('delete'), danger: true }}
                          onConfirmed={onDelete}
                        >
                          {t('delete')}
                        </ConfirmButton>
                      )}
                    </>
                  }
                />
                <ReconnectingAlert />
                <Grid gutter="md">
                  <Grid.Col span={{ base: 12, md: 8 }}>
                    <Stack gap="md">
                      <Panel title={t('connection.title')}>
                        <ConnectionInfo session={session} />
                      </Panel>
                      <LogPanel sessionId={id} />
                    </Stack>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 4 }}>
                    <Stack gap="md">
                      <Panel title={t('detail.about')}>
                        <SessionFacts session={session} />
                      </Panel>
                      <Panel title={t('timeline.title')}>
                        <SessionTimeline session={session} />
                      </Panel>
                    </Stack>
                  </Grid.Col>
                </Grid>
              </>
            )
          }
        </QueryState>
      )}
    </>
  );
}
