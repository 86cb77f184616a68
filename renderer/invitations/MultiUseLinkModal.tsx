/**
 * "Create join link": a reusable link for a group (optional plan, limit on uses and expiry). After
 * saving, the dialog shows the link with a Copy button and how to share it; the link works once
 * the app has synced (said plainly when offline).
 */
import { Alert, Button, CopyButton, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { MAX_INVITATION_USES } from '../../shared/domain/invitation';
import { isIsoDate } from '../../shared/schedule/dates';
import { useAstralData } from '../data/context';
import { createInvitation, linkFor } from '../data/invitations';
import { useLiveSyncState } from '../data/syncStatus';
import { useSession } from '../session/store';
import { formatDate } from '../ui/dates';
import { DoneActions, ModalForm } from '../ui/ModalForm';
import { ApplyFields, NO_APPLIED, appliedDraft, fieldError, type Applied } from './ApplyFields';
import type { DialogPrefill } from './inviteDialog';
import { useMyCoachId } from './useMe';

/** The end of that calendar day on this device, as a timestamp. */
const endOfDay = (date: string): string => new Date(`${date}T23:59:59`).toISOString();

export function MultiUseLinkModal({ opened, onClose, prefill, openCount }: { opened: boolean; onClose(): void; prefill: DialogPrefill; openCount: number }) {
  const { db } = useAstralData();
  const serverUrl = useSession((s) => s.serverUrl);
  const coachId = useMyCoachId();
  const online = useLiveSyncState((s) => s.connection === 'online');
  const [applied, setApplied] = useState<Applied>(NO_APPLIED);
  const [maxUses, setMaxUses] = useState<number | string>('');
  const [expiry, setExpiry] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setApplied({ group_id: prefill.group_id ?? null, training_plan_id: prefill.training_plan_id ?? null, plan_start_date: prefill.plan_start_date ?? '' });
    setMaxUses('');
    setExpiry('');
    setErrors({});
    setMessage(null);
    setLink(null);
  }, [opened, openCount]);

  const submit = async () => {
    if (!coachId) {
      setMessage('Your coach account is not on this device yet. Wait for the app to sync, then try again.');
      return;
    }
    if (expiry && !isIsoDate(expiry)) {
      setErrors({ expires_at: 'Enter a date, or leave empty for a link that does not expire.' });
      return;
    }
    setBusy(true);
    try {
      const result = await createInvitation(
        db,
        { type: 'multi_use', ...appliedDraft(applied), max_uses: maxUses === '' ? null : Number(maxUses), expires_at: expiry ? endOfDay(expiry) : null },
        coachId,
      );
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : result.message);
        return;
      }
      setLink(await linkFor(db, result.value.invitation, serverUrl));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={link ? 'Your join link' : 'Create a join link'} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {link ? (
        <Stack gap="md">
          <Text size="sm">Anyone with this link can join your organization{expiry ? ` until ${formatDate(expiry)}` : ''}. Share it in your club&apos;s chat, an email or on a poster.</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput label="Join link" value={link} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} onClick={copy} miw={96}>
                  {copied ? 'Copied' : 'Copy link'}
                </Button>
              )}
            </CopyButton>
          </Group>
          {!online && (
            <Alert color="blue" p="xs">
              This link is on this laptop only; it works once the app has synced.
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            You find it later under Invitations, where you also see how many joined through it and can revoke it.
          </Text>
          <DoneActions onDone={onClose} />
        </Stack>
      ) : (
        <ModalForm onSubmit={submit} onCancel={onClose} submitLabel="Create link" busy={busy} error={message}>
          <Text size="sm" c="dimmed">
            One link for many athletes, for example a training group. Everyone who joins through it gets the group and plan below.
          </Text>
          <ApplyFields value={applied} onChange={setApplied} errors={errors} />
          <Group grow align="flex-start" gap="sm">
            <NumberInput
              label="Maximum uses"
              placeholder="No limit"
              value={maxUses}
              onChange={setMaxUses}
              min={1}
              max={MAX_INVITATION_USES}
              allowDecimal={false}
              allowNegative={false}
              error={fieldError('Maximum uses', errors.max_uses)}
            />
            <TextInput
              label="Expires after"
              type="date"
              value={expiry}
              onChange={(e) => setExpiry(e.currentTarget.value)}
              error={fieldError('The expiry', errors.expires_at)}
              description={expiry ? undefined : 'Empty: the link does not expire.'}
              min="2000-01-01"
              max="2099-12-31"
            />
          </Group>
        </ModalForm>
      )}
    </Modal>
  );
}
