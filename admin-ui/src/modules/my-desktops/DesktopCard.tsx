import type { ReactNode } from 'react';
import { Alert, Button, Card, Collapse, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconExternalLink, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../components/confirm';
import { RelativeTime } from '../../components/RelativeTime';
import { type FragmentType, graphql, useFragment } from '../../gql';
import type { SessionState } from '../../gql/graphql';
import { PRODUCT_KIND, productKind } from '../store/product-kind';
import { ConnectionPanel } from './ConnectionPanel';
import { SessionStateBadge } from './SessionStateBadge';

/** What a "my desktops" card shows of a session. */
export const DesktopCard_session = graphql(`
  fragment DesktopCard_session on Session {
    id state createdAt readyAt endedAt expiresAt failureReason refundedCoins
    product { id name provisionAction linuxDesktop }
    connection { protocol host port username password }
  }
`);

/** States in which the desktop can still be deleted. */
const DELETABLE: readonly SessionState[] = ['PENDING', 'PROVISIONING', 'READY', 'WARM'];
/** States after which nothing more happens. */
const ENDED: readonly SessionState[] = ['DELETED', 'FAILED', 'EXPIRED'];

/**
 * One of my desktops: product, live state, when, the failure and its refund, connection details,
 * "Open desktop" (browser-viewable ones), the log (`log`, shown when `logOpen`), and "Delete".
 */
export function DesktopCard(props: {
  session: FragmentType<typeof DesktopCard_session>;
  logOpen: boolean;
  onToggleLog: () => void;
  onDelete: () => unknown;
  log: ReactNode;
}) {
  const { t } = useTranslation('my');
  const s = useFragment(DesktopCard_session, props.session);
  const kindKey = productKind(s.product);
  const kind = PRODUCT_KIND[kindKey];
  const KindIcon = kind.icon;
  // RDP desktops carry a VNC display as well: the browser viewer opens both.
  const viewable = s.state === 'READY' && (s.connection?.protocol === 'vnc' || s.connection?.protocol === 'rdp');
  const ended = ENDED.includes(s.state);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="desktop-card" data-session-id={s.id} aria-labelledby={`desktop-${s.id}`}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <ThemeIcon size={40} radius="md" variant="light" color={ended ? 'gray' : kind.color} aria-hidden>
              <KindIcon size={22} />
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={2} fz="md" fw={650} id={`desktop-${s.id}`} lineClamp={1}>
                {s.product.name}
              </Title>
              <Text size="xs" c="dimmed">
                {t(`kind.${kindKey}`)} ·{' '}
                <Text span ff="monospace" size="xs">
                  {s.id.slice(0, 8)}
                </Text>{' '}
                · {t('created')} <RelativeTime value={s.createdAt} />
                {s.expiresAt && !ended && (
                  <>
                    {' · '}
                    {t('expires')} <RelativeTime value={s.expiresAt} />
                  </>
                )}
              </Text>
            </Stack>
          </Group>
          <SessionStateBadge state={s.state} />
        </Group>
        {s.state === 'FAILED' && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('failed.title')} data-testid="failure">
            <Stack gap={4}>
              <Text size="sm">{s.failureReason ?? t('failed.noReason')}</Text>
              <Text size="sm" fw={600} data-testid="refund">
                {s.refundedCoins ? t('failed.refunded', { count: s.refundedCoins }) : t('failed.notRefunded')}
              </Text>
            </Stack>
          </Alert>
        )}
        {(s.state === 'PENDING' || s.state === 'PROVISIONING') && (
          <Text size="sm" c="dimmed">
            {t(`progress.${s.state}`)}
          </Text>
        )}
        {s.connection && !ended && <ConnectionPanel connection={s.connection} />}
        <Group justify="space-between">
          <Button
            variant="subtle"
            size="compact-sm"
            color="gray"
            onClick={props.onToggleLog}
            aria-expanded={props.logOpen}
            rightSection={props.logOpen ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          >
            {props.logOpen ? t('log.hide') : t('log.show')}
          </Button>
          <Group gap="sm">
            {viewable && (
              <Button component={Link} to={`/viewer/${s.id}`} leftSection={<IconExternalLink size={16} />}>
                {t('open')}
              </Button>
            )}
            {DELETABLE.includes(s.state) && (
              <ConfirmButton
                variant="default"
                leftSection={<IconTrash size={16} color="var(--mantine-color-red-7)" />}
                confirm={{ title: t('delete.title', { name: s.product.name }), message: t('delete.message'), confirmLabel: t('delete.button'), danger: true }}
                onConfirmed={props.onDelete}
              >
                {t('delete.button')}
              </ConfirmButton>
            )}
          </Group>
        </Group>
        <Collapse in={props.logOpen}>{props.logOpen && props.log}</Collapse>
      </Stack>
    </Card>
  );
}
