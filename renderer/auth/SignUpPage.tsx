import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { SignupRequest } from '../../shared/domain/organization';
import { ApiRequestError, signup } from '../session/api';
import { useSession } from '../session/store';
import { AuthFrame, passwordToggleProps } from './AuthFrame';

type Field = 'organization_name' | 'first_name' | 'last_name' | 'email' | 'password';
const LABELS: Record<Field, string> = {
  organization_name: 'Organization name',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  password: 'Password',
};
const EMPTY: Record<Field, string> = { organization_name: '', first_name: '', last_name: '', email: '', password: '' };

const sentence = (field: Field, message: string) => `${LABELS[field]} ${message}`.replace(/\.?$/, '.');

export function SignUpPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.token && session.user) return <Navigate to="/" replace />;

  const field = (name: Field) => ({
    label: LABELS[name],
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const parsed = SignupRequest.safeParse({ ...values, ...(timeZone ? { time_zone: timeZone } : {}) });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] as Field;
        if (name in LABELS && !next[name]) next[name] = sentence(name, issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await signup(session.serverUrl, parsed.data);
      session.signedIn(session.serverUrl, result);
      void navigate('/');
    } catch (err) {
      if (err instanceof ApiRequestError && err.field && err.field in LABELS) setErrors({ [err.field]: err.message });
      else setError(err instanceof ApiRequestError ? err.message : 'Creating the organization failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Create an organization" subtitle="Start a club or coaching business; you become its head coach.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput
            label="Server URL"
            value={session.serverUrl}
            onChange={(e) => session.setServerUrl(e.currentTarget.value)}
            autoComplete="url"
            required
          />
          <TextInput {...field('organization_name')} autoComplete="organization" required />
          <Group grow align="flex-start">
            <TextInput {...field('first_name')} autoComplete="given-name" required />
            <TextInput {...field('last_name')} autoComplete="family-name" />
          </Group>
          <TextInput {...field('email')} type="email" autoComplete="email" required />
          <PasswordInput
            {...field('password')}
            description="At least 8 characters"
            autoComplete="new-password"
            visibilityToggleButtonProps={passwordToggleProps}
            required
          />
          <Button type="submit" loading={busy} fullWidth mt="xs">
            Create organization
          </Button>
          <Text size="sm" ta="center" c="dimmed">
            Already have an account?{' '}
            <Anchor component={Link} to="/signin">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
