import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { toApiError, type ApiError } from '../../modules/api/api-error';
import { useViewer } from '../../modules/auth/use-viewer';
import { JoinForm } from '../../modules/join/JoinForm';
import { joinMemory } from '../../modules/join/join-memory';
import { useCatchUpOnReconnect } from '../../modules/live/use-catch-up-on-reconnect';
import { JoinWait } from '../../modules/join/JoinWait';
import { JoinDesktop } from './JoinDesktop';

const JOIN = graphql(`
  mutation JoinPage_join($examCode: String!) {
    joinExam(examCode: $examCode) { id state examCode failureReason desktop { url password } }
  }
`);

const SEAT = graphql(`
  query JoinPage_session($id: ID!) {
    session(id: $id) { id state examCode failureReason desktop { url password } }
  }
`);

const SEAT_UPDATED = graphql(`
  subscription JoinPage_sessionUpdated($id: ID!) {
    sessionUpdated(id: $id) { id state examCode failureReason desktop { url password } }
  }
`);

/** Codes after which the remembered exam is forgotten (asking again would get the same answer). */
const FINAL_REFUSALS = new Set(['EXAM_CLOSED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * `/join` (CANDIDATE): exam code → `joinExam` → a wait while the desktop starts → the desktop full
 * screen. The code is remembered in this browser: a reload or a lost network joins again, and
 * `joinExam` (sticky) hands back the same desktop.
 */
export function JoinPage() {
  const { t } = useTranslation('join');
  const userId = useViewer()?.id ?? '';
  const remembered = useRef(joinMemory.get(userId)).current;
  const [examCode, setExamCode] = useState(remembered?.examCode ?? '');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [join, { loading }] = useMutation(JOIN);
  // The join's answer is already the seat (same fields, the viewer's ticket included): read from the
  // cache, kept live by the subscription, and read again from the server after a lost connection.
  const seat = useQuery(SEAT, { variables: { id: sessionId ?? '' }, skip: !sessionId, fetchPolicy: 'cache-first' });
  useSubscription(SEAT_UPDATED, { variables: { id: sessionId ?? '' }, skip: !sessionId });
  useCatchUpOnReconnect(() => sessionId && seat.refetch());

  const doJoin = async (code: string) => {
    setError(null);
    setExamCode(code);
    try {
      const r = await join({ variables: { examCode: code } });
      const id = r.data?.joinExam.id ?? null;
      setSessionId(id);
      joinMemory.set(userId, { examCode: code, sessionId: id });
    } catch (e) {
      const err = toApiError(e as Error);
      setError(err);
      setSessionId(null);
      if (FINAL_REFUSALS.has(err.code)) joinMemory.clear(userId);
    }
  };
  const autoJoined = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit, back to the remembered exam.
  useEffect(() => {
    if (remembered && !autoJoined.current) {
      autoJoined.current = true;
      void doJoin(remembered.examCode);
    }
  }, []);
  const leave = () => {
    joinMemory.clear(userId);
    setSessionId(null);
    setError(null);
  };

  const session = seat.data?.session ?? null;
  const state = session?.state ?? null;
  let body: ReactNode;
  if (!sessionId) {
    body = loading ? (
      <JoinWait examCode={examCode} state={null} onCancel={leave} />
    ) : (
      <JoinForm initialCode={examCode} busy={loading} error={error} onJoin={(c) => void doJoin(c)} />
    );
  } else if (seat.error && !session) {
    body = <ErrorState error={seat.error} onRetry={() => seat.refetch()} />;
  } else if (state === 'READY') {
    body = <JoinDesktop sessionId={sessionId} examCode={session?.examCode ?? examCode} given={session?.desktop ?? null} />;
  } else if (state === 'FAILED' || state === 'EXPIRED' || state === 'DELETED' || state === 'STOPPING') {
    body = (
      <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={t('stopped.title')} maw={640} mx="auto" mt="xl">
        <Stack gap="sm">
          <Text size="sm">{session?.failureReason ?? t(`stopped.${state}`)}</Text>
          <Group>
            <Button size="xs" leftSection={<IconRefresh size={14} />} loading={loading} onClick={() => void doJoin(examCode)}>
              {t('stopped.again')}
            </Button>
            <Button size="xs" variant="default" onClick={leave}>
              {t('wait.otherCode')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  } else {
    body = <JoinWait examCode={session?.examCode ?? examCode} state={state} onCancel={leave} />;
  }
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {body}
    </>
  );
}
