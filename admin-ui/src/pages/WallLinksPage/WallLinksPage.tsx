import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Card, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconLink, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { confirmAction } from '../../components/confirm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { toApiError } from '../../modules/api/api-error';
import { CreateWallLinkDialog } from '../../modules/wall/CreateWallLinkDialog';
import { WallLinksTable } from '../../modules/wall/WallLinksTable';

const WALL_LINKS = graphql(`
  query WallLinksPage_links {
    wallLinks { id ...WallLinkRow_link }
  }
`);

const CREATE_WALL_LINK = graphql(`
  mutation WallLinksPage_create($name: String!) {
    createWallLink(name: $name) { path link { id ...WallLinkRow_link } }
  }
`);

const REVOKE_WALL_LINK = graphql(`
  mutation WallLinksPage_revoke($id: ID!) {
    revokeWallLink(id: $id) { id ...WallLinkRow_link }
  }
`);

/** `/wall/links` (ADMIN): the read-only links TVs open the wall with — create (address shown once), list, revoke. */
export function WallLinksPage() {
  const { t } = useTranslation('wall');
  const result = useQuery(WALL_LINKS);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const [create, created] = useMutation(CREATE_WALL_LINK, { refetchQueries: [WALL_LINKS] });
  const [revoke] = useMutation(REVOKE_WALL_LINK);

  const openDialog = () => {
    created.reset();
    setCreatedUrl(null);
    setDialogOpen(true);
  };
  const onCreate = async (name: string) => {
    const r = await create({ variables: { name } }).catch(() => null);
    if (r?.data) setCreatedUrl(`${window.location.origin}${r.data.createWallLink.path}`);
  };
  const onRevoke = async (id: string, name: string) => {
    const ok = await confirmAction({
      title: t('links.revokeConfirm.title', { name }),
      message: t('links.revokeConfirm.body'),
      confirmLabel: t('links.revoke'),
      danger: true,
    });
    if (!ok) return;
    setRevokingId(id);
    try {
      await revoke({ variables: { id } });
      notifications.show({ color: 'teal', title: t('links.revoked.title'), message: t('links.revoked.body', { name }) });
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({ color: 'red', title: t('links.revokeFailed'), message: `${err.code}: ${err.message}` });
    } finally {
      setRevokingId(null);
    }
  };
  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={openDialog}>
      {t('links.create.open')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('links.title')}
        subtitle={t('links.subtitle')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/wall" variant="default" leftSection={<IconExternalLink size={16} />}>
              {t('links.openWall')}
            </Button>
            {createButton}
          </Group>
        }
      />
      <Card withBorder radius="md" p="md">
        <QueryState
          result={result}
          isEmpty={(d) => d.wallLinks.length === 0}
          empty={{ title: t('links.empty.title'), hint: t('links.empty.hint'), icon: <IconLink size={28} />, action: createButton }}
        >
          {(d) => <WallLinksTable links={d.wallLinks} onRevoke={(id, name) => void onRevoke(id, name)} revokingId={revokingId} />}
        </QueryState>
      </Card>
      <CreateWallLinkDialog
        opened={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onCreate={onCreate}
        creating={created.loading}
        error={created.error ? `${toApiError(created.error).code}: ${toApiError(created.error).message}` : null}
        createdUrl={createdUrl}
      />
    </Stack>
  );
}
