import { Badge, Button, Table, Text } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../components/RelativeTime';
import { type FragmentType, graphql, useFragment } from '../../gql';

/** What a row of the wall links table shows. */
export const WallLinkRowFragment = graphql(`
  fragment WallLinkRow_link on WallLink {
    id name createdAt revokedAt
  }
`);

function WallLinkRow(props: { link: FragmentType<typeof WallLinkRowFragment>; onRevoke: (id: string, name: string) => void; busy: boolean }) {
  const link = useFragment(WallLinkRowFragment, props.link);
  const { t } = useTranslation('wall');
  const revoked = link.revokedAt !== null && link.revokedAt !== undefined;
  return (
    <Table.Tr data-testid="wall-link-row" data-revoked={revoked || undefined}>
      <Table.Td fw={600}>{link.name}</Table.Td>
      <Table.Td>
        <Badge
          color={revoked ? 'gray' : 'teal'}
          variant="outline"
          data-status={revoked ? 'revoked' : 'active'}
          styles={{ root: { textTransform: 'none', color: revoked ? 'var(--mantine-color-gray-8)' : 'var(--mantine-color-teal-9)' } }}
        >
          {revoked ? t('links.status.revoked') : t('links.status.active')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <RelativeTime value={link.createdAt} />
      </Table.Td>
      <Table.Td>
        {revoked ? (
          <RelativeTime value={link.revokedAt} />
        ) : (
          <Text c="dimmed" size="sm">
            –
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {!revoked && (
          <Button
            size="xs"
            c="red.9"
            variant="default"
            leftSection={<IconBan size={14} />}
            loading={props.busy}
            onClick={() => props.onRevoke(link.id, link.name)}
          >
            {t('links.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every wall link, newest first: name, active or revoked, when made and revoked, and "Revoke". */
export function WallLinksTable(props: {
  links: readonly FragmentType<typeof WallLinkRowFragment>[];
  onRevoke: (id: string, name: string) => void;
  revokingId: string | null;
}) {
  const { t } = useTranslation('wall');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('links.column.name')}</Table.Th>
            <Table.Th>{t('links.column.status')}</Table.Th>
            <Table.Th>{t('links.column.created')}</Table.Th>
            <Table.Th>{t('links.column.revoked')}</Table.Th>
            <Table.Th ta="right">{t('links.column.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.links.map((l) => {
            const id = (l as { id?: string }).id ?? '';
            return <WallLinkRow key={id} link={l} onRevoke={props.onRevoke} busy={props.revokingId === id} />;
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
