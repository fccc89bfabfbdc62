import { useState } from 'react';
import { Alert, Button, Code, FileButton, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileUpload, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** One account of an imported roster; `password` only for accounts this import created. */
export interface RosterCredentialRow {
  username: string;
  password: string | null;
  created: boolean;
}

/** What an import did, as the modal shows it. */
export interface RosterImportDone {
  added: number;
  alreadyOnRoster: number;
  candidates: readonly RosterCredentialRow[];
}

/** Alert titles in the text colour: Mantine's tinted title on a tinted background is under 4.5:1. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

/** Each bad line the API named (`extensions.lines`), else its one message. */
function lineProblems(error: ApiError): { line: number | null; message: string }[] {
  const lines = error.extensions.lines;
  if (Array.isArray(lines) && lines.length > 0)
    return lines.map((l: { line?: number; message?: string }) => ({ line: l.line ?? null, message: l.message ?? '' }));
  return [{ line: null, message: error.message }];
}

function ImportErrors(props: { error: ApiError }) {
  const { t } = useTranslation('exams');
  const problems = lineProblems(props.error);
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={18} />}
      title={t('roster.errorsTitle', { count: problems.length })}
      data-testid="roster-errors"
    >
      <Text size="sm" mb={6}>
        <Code fw={600}>{props.error.code}</Code> {t('roster.nothingStored')}
      </Text>
      <Stack gap={2}>
        {problems.map((p) => (
          <Text size="sm" key={`${p.line}-${p.message}`} data-line={p.line ?? undefined}>
            {p.line !== null && <b>{t('roster.line', { line: p.line })}: </b>}
            {p.message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function Credentials(props: { done: RosterImportDone; onDownload: () => void }) {
  const { t } = useTranslation('exams');
  const fresh = props.done.candidates.filter((c) => c.password);
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="roster-summary">
        {t('roster.summary', { added: props.done.added, already: props.done.alreadyOnRoster, created: fresh.length })}
      </Text>
      {fresh.length > 0 && (
        <>
          <Alert color="orange" variant="light" icon={<IconLock size={18} />} title={t('roster.onceTitle')} styles={READABLE_TITLE}>
            {t('roster.onceBody')}
          </Alert>
          <ScrollArea.Autosize mah={300}>
            <Table verticalSpacing={4} fz="sm" aria-label={t('roster.credentialsLabel')} data-testid="roster-credentials">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('roster.username')}</Table.Th>
                  <Table.Th>{t('roster.password')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fresh.map((c) => (
                  <Table.Tr key={c.username}>
                    <Table.Td ff="monospace">{c.username}</Table.Td>
                    <Table.Td ff="monospace">{c.password}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Group>
            <Button leftSection={<IconDownload size={16} />} onClick={props.onDownload}>
              {t('roster.download')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/**
 * Roster import: paste CSV or pick a file (`username[,password]` per line), then "Import". Bad
 * lines are listed each with its number and nothing is stored; on success the generated passwords
 * are shown once, with a CSV download and a warning that they will not be shown again.
 */
export function RosterImportModal(props: {
  opened: boolean;
  saving: boolean;
  error: ApiError | null;
  done: RosterImportDone | null;
  onImport: (csv: string) => void;
  onDownload: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('exams');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const readFile = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
  };
  const close = () => {
    setCsv('');
    setFileName(null);
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={t('roster.title')}
      size="lg"
      centered
      closeOnClickOutside={!props.done}
      closeButtonProps={{ 'aria-label': t('roster.close') }}
    >
      {props.done ? (
        <Stack>
          <Credentials done={props.done} onDownload={props.onDownload} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('roster.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('roster.hint')}
          </Text>
          <Group gap="sm">
            <FileButton onChange={(f) => void readFile(f)} accept=".csv,text/csv,text/plain">
              {(p) => (
                <Button {...p} variant="default" leftSection={<IconFileUpload size={16} />}>
                  {t('roster.chooseFile')}
                </Button>
              )}
            </FileButton>
            {fileName && (
              <Text size="sm" c="dimmed" data-testid="roster-file">
                {fileName}
              </Text>
            )}
          </Group>
          <Textarea
            label={t('roster.paste')}
            placeholder={'username,password\nstudent-001\nstudent-002,a-given-password'}
            autosize
            minRows={6}
            maxRows={14}
            value={csv}
            onChange={(e) => setCsv(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {props.error && <ImportErrors error={props.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('roster.cancel')}
            </Button>
            <Button onClick={() => props.onImport(csv)} loading={props.saving} disabled={!csv.trim()}>
              {t('roster.import')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
