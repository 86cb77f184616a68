/** Name a new group or rename one; names are unique in the organization (the data module says when one is taken). */
import { Modal, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Group } from '../../shared/domain/group';
import type { WriteResult } from '../data/writeResult';
import { ModalForm } from '../ui/ModalForm';

export function GroupNameModal({
  opened,
  onClose,
  title,
  submitLabel,
  initial,
  onSubmit,
}: {
  opened: boolean;
  onClose(): void;
  title: string;
  submitLabel: string;
  initial: string;
  onSubmit(name: string): Promise<WriteResult<Group>>;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setName(initial);
    setError(null);
  }, [opened]);

  const submit = async () => {
    setBusy(true);
    const result = await onSubmit(name).finally(() => setBusy(false));
    if (result.ok) onClose();
    else setError(result.fieldErrors?.name ?? result.message);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <ModalForm onSubmit={submit} onCancel={onClose} submitLabel={submitLabel} busy={busy}>
        <TextInput label="Group name" placeholder="e.g. Marathon squad" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={80} data-autofocus />
      </ModalForm>
    </Modal>
  );
}
