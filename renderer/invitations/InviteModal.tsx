/**
 * "Invite athlete": a single-use invitation to one person (first name, email, and optionally a
 * group and a plan applied when they accept). It is written locally, so it works offline; the
 * server emails the link once the invitation has synced.
 */
import { Alert, Group, Modal, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useAstralData } from '../data/context';
import { createInvitation } from '../data/invitations';
import { useLiveSyncState } from '../data/syncStatus';
import { ModalForm } from '../ui/ModalForm';
import { notifyError } from '../ui/notify';
import { notifications } from '@mantine/notifications';
import { ApplyFields, fieldError, NO_APPLIED, appliedDraft, type Applied } from './ApplyFields';
import type { DialogPrefill } from './inviteDialog';
import { useMyCoachId } from './useMe';

export function InviteModal({ opened, onClose, prefill, openCount }: { opened: boolean; onClose(): void; prefill: DialogPrefill; openCount: number }) {
  const { db } = useAstralData();
  const coachId = useMyCoachId();
  const online = useLiveSyncState((s) => s.connection === 'online');
  const [firstName, setFirstName] = useState('');
  const [email, setEmail] = useState('');
  const [applied, setApplied] = useState<Applied>(NO_APPLIED);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setFirstName(prefill.first_name ?? '');
    setEmail(prefill.email ?? '');
    setApplied({
      group_id: prefill.group_id ?? null,
      training_plan_id: prefill.training_plan_id ?? null,
      plan_start_date: prefill.plan_start_date ?? '',
    });
    setErrors({});
    setMessage(null);
  }, [opened, openCount]);

  const submit = async () => {
    if (!coachId) {
      setMessage('Your coach account is not on this device yet. Wait for the app to sync, then try again.');
      return;
    }
    setBusy(true);
    try {
      const result = await createInvitation(db, { type: 'single_use', first_name: firstName, email, ...appliedDraft(applied) }, coachId);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : result.message);
        return;
      }
      const { invitation } = result.value;
      notifications.show({
        color: 'teal',
        title: `${invitation.first_name ?? 'The athlete'} is invited`,
        message: online
          ? `The email to ${invitation.email ?? ''} is on its way.`
          : `Saved on this laptop. The email to ${invitation.email ?? ''} is sent once the app has synced.`,
        autoClose: 5000,
      });
      onClose();
    } catch (err) {
      notifyError('The invitation could not be saved', err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Invite an athlete" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <ModalForm onSubmit={submit} onCancel={onClose} submitLabel="Send invitation" busy={busy} error={message}>
        <Text size="sm" c="dimmed">
          They get an email with a personal link to join your organization. The link works once, for this person.
        </Text>
        <Group grow align="flex-start" gap="sm">
          <TextInput
            label="First name"
            value={firstName}
            onChange={(e) => setFirstName(e.currentTarget.value)}
            error={fieldError('First name', errors.first_name)}
            maxLength={80}
            withAsterisk
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('Email', errors.email)}
            maxLength={254}
            withAsterisk
            autoComplete="off"
          />
        </Group>
        <ApplyFields value={applied} onChange={setApplied} errors={errors} />
        {!online && (
          <Alert color="blue" p="xs">
            You are offline. The invitation is kept on this laptop and the email is sent once the app has synced.
          </Alert>
        )}
      </ModalForm>
    </Modal>
  );
}
