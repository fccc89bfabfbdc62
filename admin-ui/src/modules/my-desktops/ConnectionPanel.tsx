import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';

/** How to reach a desktop, as the owner may see it. */
export interface ConnectionInfo {
  protocol: string;
  host?: string | null;
  port?: number | null;
  username?: string | null;
  password?: string | null;
}

/** The connection details with copy buttons; the password stays hidden until "Show". */
export function ConnectionPanel(props: { connection: ConnectionInfo }) {
  const { t } = useTranslation('my');
  const c = props.connection;
  const address = c.host ? (c.port ? `${c.host}:${c.port}` : c.host) : null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="connection">
      <CopyField label={t('connection.protocol')} value={c.protocol.toUpperCase()} />
      {address && <CopyField label={t('connection.address')} value={address} monospace />}
      {c.username && <CopyField label={t('connection.username')} value={c.username} monospace />}
      {c.password && <CopyField label={t('connection.password')} value={c.password} secret />}
    </SimpleGrid>
  );
}
