import type { ReactNode } from 'react';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { ExamWhen } from './ExamWhen';

/** What one row of the exams list shows. */
export const ExamRowFragment = graphql(`
  fragment ExamRow_exam on Exam {
    id code name startsAt endsAt expectedCandidates prewarmTarget
    product { id name }
  }
`);

const NUM = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' as const, whiteSpace: 'nowrap' as const };

function ExamRow(props: { exam: FragmentType<typeof ExamRowFragment>; readiness: (examId: string, ended: boolean) => ReactNode }) {
  const e = useFragment(ExamRowFragment, props.exam);
  const ended = Date.parse(e.endsAt) <= Date.now();
  return (
    <Table.Tr data-exam={e.code}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/exams/${e.id}`} fw={600} size="sm" ff="monospace">
          {e.code}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {e.name}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{e.product.name}</Text>
      </Table.Td>
      <Table.Td>
        <ExamWhen at={e.startsAt} />
      </Table.Td>
      <Table.Td>
        <ExamWhen at={e.endsAt} />
      </Table.Td>
      <Table.Td style={NUM}>{e.expectedCandidates}</Table.Td>
      <Table.Td style={NUM}>{e.prewarmTarget}</Table.Td>
      <Table.Td>{props.readiness(e.id, ended)}</Table.Td>
    </Table.Tr>
  );
}

/** Every exam: code (a link to its page), name, product, window, candidates, warm target and go / no-go. */
export function ExamTable(props: { exams: readonly FragmentType<typeof ExamRowFragment>[]; readiness: (examId: string, ended: boolean) => ReactNode }) {
  const { t } = useTranslation('exams');
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped highlightOnHover verticalSpacing={8} fz="sm" aria-label={t('list.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.code')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.product')}</Table.Th>
            <Table.Th>{t('fields.startsAt')}</Table.Th>
            <Table.Th>{t('fields.endsAt')}</Table.Th>
            <Table.Th style={NUM}>{t('fields.expectedCandidates')}</Table.Th>
            <Table.Th style={NUM}>{t('fields.prewarmTarget')}</Table.Th>
            <Table.Th>{t('list.readiness')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.exams.map((ref) => (
            <ExamRow key={(ref as unknown as { id: string }).id} exam={ref} readiness={props.readiness} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
