/**
 * Head coach only: add a coach by email. An existing Astral account joins at once; for an email
 * without one the form offers to send an invitation (first name optional). Both need the server:
 * offline the error says so under the field and what was typed stays.
 */
import { Alert, Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { coachName } from '../../data/coaches';
import { ApiRequestError } from '../../session/api';
import { NO_ACCOUNT, addCoach, errorMessage, inviteCoach, type ServerContext } from '../teamApi';
import { useServerAction } from '../useServer';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AddCoachForm({ ctx, onInvited }: { ctx: ServerContext; onInvited(): void }) {
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  /** The email the server said has no account: the invitation offer is for it. */
  const [offer, setOffer] = useState<string | null>(null);
  const [firstName, setFirstName] = useState('');
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const action = useServerAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = email.trim();
    if (!EMAIL.test(value)) {
      action.clear();
      setLocalError('Enter an email address such as coach@example.com.');
      return;
    }
    setLocalError(null);
    let noAccount = false;
    const added = await action.run(async () => {
      try {
        return await addCoach(ctx, value);
      } catch (err) {
        if (err instanceof ApiRequestError && err.code === NO_ACCOUNT) {
          noAccount = true;
          return null;
        }
        throw err;
      }
    });
    if (noAccount) {
      setOffer(value);
      setInviteError(null);
      return;
    }
    if (!added) return;
    setEmail('');
    notifications.show({ color: 'teal', title: `Added ${coachName(added)} as a coach`, message: 'They can sign in and coach this organization now.', autoClose: 4000 });
  };

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    if (!offer) return;
    setInviting(true);
    setInviteError(null);
    try {
      const result = await inviteCoach(ctx, offer, firstName);
      if (result.kind === 'added') {
        notifications.show({ color: 'teal', title: `Added ${coachName(result.coach)} as a coach`, message: 'They made an account meanwhile, so they joined at once.', autoClose: 5000 });
      } else {
        notifications.show({
          color: 'teal',
          title: `Invitation sent to ${result.invitation.email}`,
          message: 'They join the coaching staff when they open the link in the email. It works for 14 days.',
          autoClose: 5000,
        });
      }
      setEmail('');
      setFirstName('');
      setOffer(null);
      onInvited();
    } catch (err) {
      setInviteError(errorMessage(err));
    } finally {
      setInviting(false);
    }
  };

  return (
    <Stack gap="sm" maw={560}>
      <form onSubmit={(e) => void submit(e)} aria-label="Add a coach" noValidate>
        <TextInput
          label="Add a coach"
          description="Their email. An existing Astral account joins at once; anyone else can be invited by email."
          placeholder="coach@example.com"
          type="email"
          value={email}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setEmail(next);
            setLocalError(null);
            if (offer && next.trim().toLowerCase() !== offer.toLowerCase()) setOffer(null);
          }}
          error={localError ?? action.error}
          autoComplete="off"
          inputContainer={(input) => (
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Box style={{ flex: 1 }}>{input}</Box>
              {/* Same top offset as the input gets below a description. */}
              <Button type="submit" loading={action.busy} mt="calc(var(--mantine-spacing-xs) / 2)">
                Add coach
              </Button>
            </Group>
          )}
        />
      </form>
      {offer && (
        <Alert variant="light" color="blue" title={`No Astral account uses ${offer} yet`} role="region">
          <form onSubmit={(e) => void invite(e)} aria-label="Send a coach invitation" noValidate>
            <Stack gap="sm">
              <Text size="sm">
                Send an invitation to join the coaching staff: they get an email with a personal link to create their account. The link works for 14 days.
              </Text>
              <TextInput
                label="First name (optional)"
                description="Used to greet them in the email."
                value={firstName}
                onChange={(e) => setFirstName(e.currentTarget.value)}
                maxLength={80}
                autoComplete="off"
                maw={320}
              />
              <Group gap="sm">
                <Button type="submit" loading={inviting}>
                  Send invitation
                </Button>
                <Button variant="subtle" color="gray" onClick={() => setOffer(null)} disabled={inviting}>
                  Cancel
                </Button>
              </Group>
              {inviteError && (
                <Text size="sm" c="red" role="alert">
                  {inviteError}
                </Text>
              )}
            </Stack>
          </form>
        </Alert>
      )}
    </Stack>
  );
}
