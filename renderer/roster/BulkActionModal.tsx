/**
 * The roster's bulk actions on the selected athletes: add or remove a label, set the status and,
 * for the head coach only, assign a coach. Each writes through updateAthletes (one local write,
 * synced later) and offers Undo once, in the notification that reports it.
 */
import { Autocomplete, Button, Group, Modal, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ATHLETE_STATUSES, type AthleteStatus } from '../../shared/domain/athlete';
import type { CoachRole } from '../../shared/domain/organization';
import { useBulkAthletes, type AthleteUndo, type AthletesChange } from '../data/athletes';
import { STATUS_LABELS, plural } from '../ui/format';
import { ModalForm } from '../ui/ModalForm';

export type BulkKind = AthletesChange['kind'];

const TITLES: Record<BulkKind, string> = {
  add_label: 'Add a label',
  remove_label: 'Remove a label',
  set_status: 'Set the status',
  assign_coach: 'Assign a coach',
};
const STATUS_OPTIONS = ATHLETE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

function changeOf(kind: BulkKind, value: string): AthletesChange {
  switch (kind) {
    case 'add_label':
      return { kind, label: value };
    case 'remove_label':
      return { kind, label: value };
    case 'set_status':
      return { kind, status: value as AthleteStatus };
    case 'assign_coach':
      return { kind, coachId: value };
  }
}

function done(kind: BulkKind, value: string, n: number, valueLabel: string): string {
  const who = plural(n, 'athlete');
  switch (kind) {
    case 'add_label':
      return `Added ${valueLabel} to ${who}.`;
    case 'remove_label':
      return `Removed ${valueLabel} from ${who}.`;
    case 'set_status':
      return `Set ${who} to ${STATUS_LABELS[value as AthleteStatus] ?? value}.`;
    case 'assign_coach':
      return `Assigned ${who} to ${valueLabel}.`;
  }
}

export function BulkActionModal({
  kind,
  ids,
  role,
  labels,
  coaches,
  onClose,
}: {
  /** The action to ask for, or null when closed. */
  kind: BulkKind | null;
  ids: readonly string[];
  role: CoachRole | undefined;
  /** Existing labels, as suggestions (add) or choices (remove). */
  labels: readonly string[];
  coaches: readonly { value: string; label: string }[];
  onClose(): void;
}) {
  const bulk = useBulkAthletes();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setValue('');
    setError(null);
  }, [kind]);

  const apply = async () => {
    if (!kind || !value.trim()) return;
    setSaving(true);
    const result = await bulk.update(ids, changeOf(kind, value.trim()), role).finally(() => setSaving(false));
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onClose();
    const valueLabel = kind === 'assign_coach' ? (coaches.find((c) => c.value === value)?.label ?? 'the coach') : value.trim();
    showUndo(result.changed === 0 ? 'Nothing to change: every selected athlete already had it.' : done(kind, value, result.changed, valueLabel), result.undo, (u) =>
      bulk.undo(u, role),
    );
  };

  const field =
    kind === 'add_label' ? (
      <Autocomplete label="Label" placeholder="@marathon" data={[...labels]} value={value} onChange={setValue} data-autofocus />
    ) : kind === 'remove_label' ? (
      <Select label="Label" data={[...labels]} value={value || null} onChange={(v) => setValue(v ?? '')} searchable data-autofocus />
    ) : kind === 'set_status' ? (
      <Select label="Status" data={STATUS_OPTIONS} value={value || null} onChange={(v) => setValue(v ?? '')} data-autofocus />
    ) : kind === 'assign_coach' ? (
      <Select label="Coach" data={[...coaches]} value={value || null} onChange={(v) => setValue(v ?? '')} searchable data-autofocus />
    ) : null;

  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? TITLES[kind] : ''} closeButtonProps={{ 'aria-label': 'Close' }}>
      <ModalForm onSubmit={apply} onCancel={onClose} submitLabel="Apply" busy={saving} disabled={!value.trim()} error={error}>
        <Text size="sm">{plural(ids.length, 'selected athlete')}</Text>
        {field}
      </ModalForm>
    </Modal>
  );
}

/** Reports a bulk change with an Undo button that works once. */
function showUndo(message: string, undo: readonly AthleteUndo[], run: (u: readonly AthleteUndo[]) => Promise<number>) {
  const id = `bulk-${Date.now()}`;
  let used = false;
  notifications.show({
    id,
    color: 'teal',
    autoClose: 15_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        {undo.length > 0 && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              if (used) return;
              used = true;
              notifications.hide(id);
              void run(undo).then((n) =>
                notifications.show({ color: 'gray', autoClose: 4000, message: n > 0 ? `Undone for ${plural(n, 'athlete')}.` : 'Nothing to undo: those athletes changed since.' }),
              );
            }}
          >
            Undo
          </Button>
        )}
      </Group>
    ),
  });
}
