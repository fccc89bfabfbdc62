import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Group, Text, Title } from '@mantine/core';
import { IconUpload, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { QueryState } from '../../components/QueryState';
import { type ApiError, toApiError } from '../../modules/api/api-error';
import { CandidateTable } from '../../modules/exams/CandidateTable';
import { downloadText, toCsv } from '../../modules/exams/download';
import { type RosterImportDone, RosterImportModal } from '../../modules/exams/RosterImportModal';

const CANDIDATES = graphql(`
  query ExamDetailPage_candidates($examId: ID!) { examCandidates(examId: $examId) { id userId ...CandidateRow_candidate } }
`);

const SESSION_UPDATED = graphql(`
  subscription ExamDetailPage_sessionUpdated { sessionUpdated { id state ownerId examCode createdAt ...CandidateRow_session } }
`);

const IMPORT = graphql(`
  mutation ExamDetailPage_importRoster($examId: ID!, $csv: String!) {
    importRoster(examId: $examId, csv: $csv) { added alreadyOnRoster candidates { username password created } }
  }
`);

const LIVE_STATES = new Set(['PENDING', 'PROVISIONING', 'WARM', 'READY', 'STOPPING']);

/**
 * The exam's candidates and their desktops, live: a candidate who joins gets their desktop in the
 * row as it is announced. "Import roster" adds candidates from CSV and shows new passwords once.
 */
export function ExamRosterSection(props: { examId: string; examCode: string }) {
  const { t } = useTranslation('exams');
  const result = useQuery(CANDIDATES, { variables: { examId: props.examId } });
  const { subscribeToMore, refetch } = result;
  const [importing, setImporting] = useState(false);
  const [done, setDone] = useState<RosterImportDone | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [importRoster, { loading }] = useMutation(IMPORT);

  useEffect(
    () =>
      subscribeToMore({
        document: SESSION_UPDATED,
        updateQuery: (prev, { subscriptionData }) => {
          const s = subscriptionData.data?.sessionUpdated;
          if (!s || s.examCode !== props.examCode || !s.ownerId) return prev;
          const i = prev.examCandidates.findIndex((c) => c.userId === s.ownerId);
          const row = prev.examCandidates[i] as (typeof prev.examCandidates)[number] & {
            session?: { id: string; state?: string } | null;
            joinedAt?: string | null;
          };
          if (!row || row.session?.id === s.id) return prev;
          // A newer desktop replaces the row's one unless that one is still live and this one is not.
          if (row.session?.state && LIVE_STATES.has(row.session.state) && !LIVE_STATES.has(s.state)) return prev;
          const next = [...prev.examCandidates];
          next[i] = { ...row, session: s, joinedAt: row.joinedAt ?? s.createdAt } as typeof row;
          return { ...prev, examCandidates: next };
        },
      }),
    [subscribeToMore, props.examCode],
  );

  const open = () => {
    setDone(null);
    setError(null);
    setImporting(true);
  };
  const submit = async (csv: string) => {
    setError(null);
    try {
      const r = await importRoster({ variables: { examId: props.examId, csv } });
      if (r.data) setDone(r.data.importRoster);
      await refetch();
    } catch (e) {
      setError(toApiError(e as Error));
    }
  };
  const download = () => {
    const rows = (done?.candidates ?? []).filter((c) => c.password).map((c) => [c.username, c.password ?? '']);
    downloadText(`roster-${props.examCode}-passwords.csv`, toCsv(['username', 'password'], rows), 'text/csv;charset=utf-8');
  };
  const importButton = (
    <Button leftSection={<IconUpload size={16} />} variant="default" onClick={open}>
      {t('roster.button')}
    </Button>
  );

  return (
    <section aria-labelledby="candidates-title">
      <Group justify="space-between" mt="xl" mb="sm">
        <Group gap="sm" align="baseline">
          <Title order={2} fz="lg" id="candidates-title">
            {t('candidates.title')}
          </Title>
          {result.data && (
            <Text size="sm" c="dimmed">
              {t('candidates.count', { count: result.data.examCandidates.length })}
            </Text>
          )}
        </Group>
        {importButton}
      </Group>
      <QueryState
        result={result}
        isEmpty={(d) => d.examCandidates.length === 0}
        empty={{ title: t('candidates.emptyTitle'), hint: t('candidates.emptyHint'), action: importButton, icon: <IconUsers size={28} /> }}
      >
        {(d) => <CandidateTable candidates={d.examCandidates} />}
      </QueryState>
      <RosterImportModal
        opened={importing}
        saving={loading}
        error={error}
        done={done}
        onImport={(csv) => void submit(csv)}
        onDownload={download}
        onClose={() => setImporting(false)}
      />
    </section>
  );
}
