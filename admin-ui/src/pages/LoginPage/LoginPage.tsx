import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client';
import { Alert, Box, Button, Card, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconClockHour4, IconLogin2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { toApiError, type ApiError } from '../../modules/api/api-error';
import { useAppSession, type LoginLocationState } from '../../modules/auth/app-session';
import { HOME_BY_ROLE, safeNextPath, VIEWER_QUERY } from '../../modules/auth/use-viewer';
import { AppLogo } from '../../modules/shell/AppLogo';
import { ColorSchemeToggle } from '../../modules/shell/ColorSchemeToggle';
import { LanguageMenu } from '../../modules/shell/LanguageMenu';

const LOGIN = graphql(`
  mutation LoginPage_login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token user { id username role coinBalance } }
  }
`);

/** Why sign-in failed, in the person's language, from the API's code. */
function useLoginErrorText(): (e: ApiError) => string {
  const { t } = useTranslation('login');
  return (e) => {
    switch (e.code) {
      case 'UNAUTHENTICATED':
        return t('errors.wrongCredentials');
      case 'RATE_LIMITED':
        return t('errors.rateLimited', { count: Number(e.extensions.retryAfterSec ?? 60) });
      case 'BAD_USER_INPUT':
        return t('errors.badInput', { message: e.message });
      case 'NETWORK_ERROR':
        return t('errors.network');
      default:
        return t('errors.other', { message: e.message });
    }
  };
}

/** `/login`: "Username", "Password", "Sign in"; then where the person was heading (`?next=`) or their home. */
export function LoginPage() {
  const { t } = useTranslation('login');
  const [login, { loading, error }] = useMutation(LOGIN);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const expired = (useLocation().state as LoginLocationState | null)?.expired;
  const navigate = useNavigate();
  const session = useAppSession();
  const client = useApolloClient();
  const errorText = useLoginErrorText();
  const apiError = error ? toApiError(error) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await login({ variables: { username: username.trim(), password } }).catch(() => null);
    if (!r?.data) return;
    const { token, user } = r.data.login;
    session.signIn(token);
    client.writeQuery({ query: VIEWER_QUERY, data: { me: user } });
    navigate(safeNextPath(params.get('next')) ?? HOME_BY_ROLE[user.role], { replace: true });
  };

  return (
    <Box mih="100vh" bg="var(--app-page-bg)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="flex-end" p="md" gap="xs">
        <LanguageMenu />
        <ColorSchemeToggle />
      </Group>
      <Stack component="main" align="center" justify="center" style={{ flex: 1 }} px="md" pb={96}>
        <AppLogo size="lg" />
        <Card withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={400}>
          <form onSubmit={submit} noValidate={false}>
            <Stack gap="md">
              <div>
                <Title order={1} fz={22}>
                  {t('title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('subtitle')}
                </Text>
              </div>
              {expired && !apiError && (
                <Alert color="blue" variant="light" icon={<IconClockHour4 size={18} />} role="status">
                  {t('sessionEnded')}
                </Alert>
              )}
              {apiError && (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" data-code={apiError.code}>
                  {errorText(apiError)}{' '}
                  <Code fz="xs" c="dimmed">
                    {apiError.code}
                  </Code>
                </Alert>
              )}
              <TextInput
                label={t('username')}
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                autoComplete="username"
                required
                autoFocus
              />
              <PasswordInput
                label={t('password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoComplete="current-password"
                required
              />
              <Button type="submit" loading={loading} fullWidth size="md" leftSection={<IconLogin2 size={18} />}>
                {t('submit')}
              </Button>
            </Stack>
          </form>
        </Card>
      </Stack>
    </Box>
  );
}
