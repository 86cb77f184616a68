import { Alert, Anchor, Button, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiRequestError, login } from '../session/api';
import { signOut } from '../session/signOut';
import { useSession } from '../session/store';
import { AuthFrame, passwordToggleProps } from './AuthFrame';
import { useServerConfig } from './useServerConfig';

function ChooseOrganization() {
  const organizations = useSession((s) => s.organizations);
  const chooseOrg = useSession((s) => s.chooseOrg);
  const user = useSession((s) => s.user);
  const [orgId, setOrgId] = useState<string | null>(organizations[0]?.id ?? null);
  const navigate = useNavigate();

  if (organizations.length === 0) {
    return (
      <AuthFrame title="No organization yet" subtitle={user?.email}>
        <Stack>
          <Alert color="yellow" title="This account does not belong to any organization">
            Ask the head coach of your club to invite you, then sign in again.
          </Alert>
          <Button variant="default" onClick={() => void signOut({ tellServer: true })}>
            Sign out
          </Button>
        </Stack>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Choose an organization" subtitle="You coach in several organizations. Which one do you want to open?">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const org = organizations.find((o) => o.id === orgId);
          if (!org) return;
          chooseOrg(org);
          void navigate('/');
        }}
      >
        <Stack>
          <Select
            label="Organization"
            data={organizations.map((o) => ({ value: o.id, label: `${o.name} (${o.role === 'head_coach' ? 'head coach' : 'coach'})` }))}
            value={orgId}
            onChange={setOrgId}
            allowDeselect={false}
          />
          <Button type="submit" disabled={!orgId}>
            Continue
          </Button>
          <Button variant="subtle" color="gray" onClick={() => void signOut({ tellServer: true })}>
            Sign out
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const config = useServerConfig(session.serverUrl);

  if (session.token && session.user) return session.org ? <Navigate to="/" replace /> : <ChooseOrganization />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!session.serverUrl.trim()) return setError('Enter the address of your server.');
    setBusy(true);
    try {
      const result = await login(session.serverUrl, { email: email.trim(), password });
      session.signedIn(session.serverUrl, result);
      if (result.organizations.length === 1) void navigate('/');
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : 'Signing in failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  const notice = error ?? session.signedOutReason;
  return (
    <AuthFrame title="Sign in" subtitle="Your roster, at the track and everywhere else.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {notice && (
            <Alert color={error ? 'red' : 'yellow'} variant="light">
              {notice}
            </Alert>
          )}
          <TextInput
            label="Server URL"
            description="The address of your club's Astral Coach server"
            value={session.serverUrl}
            onChange={(e) => session.setServerUrl(e.currentTarget.value)}
            autoComplete="url"
            inputMode="url"
            required
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            autoComplete="username"
            required
          />
          <PasswordInput
            label="Password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            visibilityToggleButtonProps={passwordToggleProps}
            required
          />
          <Button type="submit" loading={busy} fullWidth mt="xs">
            Sign in
          </Button>
          {config?.signupOpen && (
            <Text size="sm" ta="center" c="dimmed">
              New to Astral Coach?{' '}
              <Anchor component={Link} to="/signup">
                Create an organization
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthFrame>
  );
}
