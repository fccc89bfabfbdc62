import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client';
import { graphql } from '../../gql';
import { sessionToken } from '../../modules/auth/session-token';

const LOGIN = graphql(`
  mutation LoginPage_login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token user { id username role } }
  }
`);

/** Sign in; then go where the person was heading (`?next=`). */
export function LoginPage() {
  const [login, { loading, error }] = useMutation(LOGIN);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await login({ variables: { username, password } }).catch(() => null);
    if (!r?.data) return;
    sessionToken.set(r.data.login.token);
    location.assign(new URLSearchParams(location.search).get('next') ?? '/');
  };
  return (
    <form onSubmit={submit} style={{ maxWidth: 320, margin: '15vh auto', display: 'grid', gap: 8, fontFamily: 'system-ui, sans-serif' }}>
      <h1>VDI Portal</h1>
      <input aria-label="Username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      <input aria-label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <button disabled={loading}>Sign in</button>
      {error && <p role="alert">{error.message}</p>}
    </form>
  );
}
