/**
 * "Add existing user": an athlete who already has an Astral account, found by email, optionally
 * with a group and a plan. Online the server answers at once and the outcome shows here; offline
 * the request is kept and carried out when the app is back online (AddExistingRunner tells the outcome).
 */
import { Alert, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { addExistingUser, outcomeWords, type AddResult } from '../data/addExisting';
import { useAstralData } from '../data/context';
import { useOnline, useServerContext } from '../settings/useServer';
import { DoneActions, ModalForm } from '../ui/ModalForm';
import { ApplyFields, NO_APPLIED, appliedDraft, fieldError, type Applied } from './ApplyFields';
import { openInviteDialog, type DialogPrefill } from './inviteDialog';

export function AddExistingModal({ opened, onClose, prefill, openCount }: { opened: boolean; onClose(): void; prefill: DialogPrefill; openCount: number }) {
  const { db } = useAstralData();
  const ctx = useServerContext();
  const online = useOnline();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [applied, setApplied] = useState<Applied>(NO_APPLIED);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<Exclude<AddResult, { kind: 'invalid' }> | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = (p: DialogPrefill) => {
    setEmail(p.email ?? '');
    setApplied({ group_id: p.group_id ?? null, training_plan_id: p.training_plan_id ?? null, plan_start_date: p.plan_start_date ?? '' });
    setErrors({});
    setFailure(null);
    setResult(null);
  };
  useEffect(() => {
    if (opened) reset(prefill);
  }, [opened, openCount]);

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await addExistingUser(db, ctx, { email, ...appliedDraft(applied) }, online);
      if (answer.kind === 'invalid') setErrors(answer.fieldErrors);
      else setResult(answer);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const normalized = email.trim().toLowerCase();
  const words = result?.kind === 'done' ? outcomeWords({ email: normalized }, result.outcome) : null;
  const inviteInstead = () => openInviteDialog('invite', { email: normalized, ...applied });

  return (
    <Modal opened={opened} onClose={onClose} title="Add an existing user" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {result ? (
        <Stack gap="md">
          {result.kind === 'queued' ? (
            <Alert color="blue" title="Saved: it will be added when you're back online">
              The server looks up {normalized} as soon as the app is back online, and you are told the outcome.
            </Alert>
          ) : (
            words && (
              <Alert color={result.outcome.kind === 'added' ? 'teal' : result.outcome.kind === 'refused' ? 'red' : 'yellow'} title={words.title}>
                {words.message}
              </Alert>
            )
          )}
          <DoneActions onDone={onClose}>
            {result.kind === 'done' && result.outcome.kind === 'not_found' && (
              <Button variant="default" onClick={inviteInstead}>
                Invite instead
              </Button>
            )}
            {result.kind === 'done' && result.outcome.kind === 'added' && (
              <Button
                variant="default"
                onClick={() => {
                  const id = result.outcome.kind === 'added' ? result.outcome.athleteId : '';
                  onClose();
                  void navigate(`/athletes/${id}`);
                }}
              >
                Open athlete
              </Button>
            )}
            <Button variant="default" onClick={() => reset({ group_id: applied.group_id, training_plan_id: applied.training_plan_id, plan_start_date: applied.plan_start_date })}>
              Add another
            </Button>
          </DoneActions>
        </Stack>
      ) : (
        <ModalForm onSubmit={submit} onCancel={onClose} submitLabel={online ? 'Add athlete' : 'Add when online'} busy={busy} error={failure}>
          <Text size="sm" c="dimmed">
            For athletes who already have an Astral account: they are added to your roster straight away, without an invitation.
          </Text>
          <TextInput
            label="Their account's email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('Email', errors.email)}
            maxLength={254}
            withAsterisk
            autoComplete="off"
            data-autofocus
          />
          <ApplyFields value={applied} onChange={setApplied} errors={errors} joinWord="are added" />
          {!online && (
            <Alert color="blue" p="xs">
              You are offline. Only the server can look the email up, so the request is kept and carried out when you are back online.
            </Alert>
          )}
        </ModalForm>
      )}
    </Modal>
  );
}
