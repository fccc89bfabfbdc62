import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { RelativeTime } from '../../components/RelativeTime';
import { SessionStateBadge } from './ExamBadges';

/** A candidate's desktop as the roster shows it (kept live by sessionUpdated). */
export const CandidateSessionFragment = graphql(`
  fragment CandidateRow_session on Session { id state workerCode ownerId examCode createdAt }
`);

/** One candidate row of the roster. */
export const CandidateRowFragment = graphql(`
  fragment CandidateRow_candidate on ExamCandidateView {
    id userId username addedAt joinedAt
    session { id ...CandidateRow_session }
  }
`);

function CandidateRow(props: { candidate: FragmentType<typeof CandidateRowFragment> }) {
  const { t } = useTranslation('exams');
  const c = useFragment(CandidateRowFragment, props.candidate);
  const s = useFragment(CandidateSessionFragment, c.session ?? null);
  return (
    <Table.Tr data-candidate={c.username} data-state={s?.state ?? 'NONE'}>
      <Table.Td ff="monospace" fw={500}>
        {c.username}
      </Table.Td>
      <Table.Td>
        {c.joinedAt ? (
          <RelativeTime value={c.joinedAt} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('candidates.notJoined')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {s ? (
          <Anchor component={Link} to={`/sessions/${s.id}`} underline="never" aria-label={t('candidates.openSession', { username: c.username })}>
            <SessionStateBadge state={s.state} />
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{s?.workerCode ?? '—'}</Table.Td>
      <Table.Td>
        <RelativeTime value={c.addedAt} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The roster: each candidate, when they joined, their desktop's state and the worker it runs on. */
export function CandidateTable(props: { candidates: readonly FragmentType<typeof CandidateRowFragment>[] }) {
  const { t } = useTranslation('exams');
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing={6} fz="sm" aria-label={t('candidates.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('candidates.username')}</Table.Th>
            <Table.Th>{t('candidates.joined')}</Table.Th>
            <Table.Th>{t('candidates.desktop')}</Table.Th>
            <Table.Th>{t('candidates.worker')}</Table.Th>
            <Table.Th>{t('candidates.added')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.candidates.map((ref) => (
            <CandidateRow key={(ref as unknown as { id: string }).id} candidate={ref} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
