import { Alert, Autocomplete, Button, Group, Modal, MultiSelect, Select, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ATHLETE_STATUSES, MAX_LABELS, normalizeLabel, type Athlete, type AthleteStatus } from '../../shared/domain/athlete';
import type { CoachRole } from '../../shared/domain/organization';
import { useAthletes, useUpdateAthlete, type AthleteEdit, type AthleteEditField } from '../data/athletes';
import { coachName, useCoaches } from '../data/coaches';
import { distinctLabels, distinctLevels } from '../data/search';
import { useLiveSyncState } from '../data/syncStatus';
import { STATUS_LABELS } from '../ui/format';

type FormValues = {
  display_name: string;
  member_level: string;
  labels: string[];
  private_notes: string;
  status: AthleteStatus;
  coach_ids: string[];
};

const fromAthlete = (a: Athlete): FormValues => ({
  display_name: a.display_name ?? '',
  member_level: a.member_level ?? '',
  labels: [...a.labels],
  private_notes: a.private_notes,
  status: a.status,
  coach_ids: [...a.coach_ids],
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const STATUS_OPTIONS = ATHLETE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** Escape closes the form, except inside a field with a suggestion list, where it closes the list. */
function escapeClosesForm(event: KeyboardEvent<HTMLElement>): boolean {
  if (event.key !== 'Escape') return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest('[aria-haspopup="listbox"], [role="listbox"]');
}

export function EditAthleteModal({
  athlete,
  opened,
  onClose,
  canAssignCoaches,
  role,
}: {
  athlete: Athlete;
  opened: boolean;
  onClose(): void;
  canAssignCoaches: boolean;
  role: CoachRole | undefined;
}) {
  const update = useUpdateAthlete();
  const roster = useAthletes();
  const coaches = useCoaches();
  const connection = useLiveSyncState((s) => s.connection);
  // Only what the coach changes is written, so live updates of other fields are never overwritten.
  const [initial, setInitial] = useState(() => fromAthlete(athlete));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<AthleteEditField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The label suggestions close once a label is added, so they never cover the fields below.
  const [labelsOpen, setLabelsOpen] = useState(false);

  useEffect(() => {
    if (!opened) return;
    const start = fromAthlete(athlete);
    setInitial(start);
    setValues(start);
    setErrors({});
    setMessage(null);
    // Reset only when the form opens, not on every live update of the athlete.
  }, [opened]);

  const levels = useMemo(() => distinctLevels(roster ?? []), [roster]);
  const labels = useMemo(() => distinctLabels(roster ?? []), [roster]);
  const coachOptions = useMemo(() => (coaches ?? []).map((c) => ({ value: c.id, label: coachName(c) })), [coaches]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    const edit: AthleteEdit = {};
    if (values.display_name !== initial.display_name) edit.display_name = values.display_name;
    if (values.member_level !== initial.member_level) edit.member_level = values.member_level;
    if (!same(values.labels, initial.labels)) edit.labels = values.labels;
    if (values.private_notes !== initial.private_notes) edit.private_notes = values.private_notes;
    if (values.status !== initial.status) edit.status = values.status;
    if (canAssignCoaches && !same(values.coach_ids, initial.coach_ids)) edit.coach_ids = values.coach_ids;
    setSaving(true);
    const result = await update(athlete.id, edit, role).finally(() => setSaving(false));
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(Object.keys(result.fieldErrors).length ? null : result.message);
      return;
    }
    onClose();
    notifications.show({
      color: 'teal',
      title: 'Saved',
      message: connection === 'online' ? 'The change is saved and being sent.' : 'Saved on this device. It is sent when the connection returns.',
      autoClose: 3000,
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Edit athlete" size="lg" closeOnEscape={false} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (escapeClosesForm(e)) onClose();
        }}
        noValidate
      >
        <Stack gap="md">
          {message && <Alert color="red">{message}</Alert>}
          <TextInput
            label="Display name"
            description={`Shown instead of the account name (${athlete.first_name} ${athlete.last_name})`}
            value={values.display_name}
            onChange={(e) => set('display_name', e.currentTarget.value)}
            error={errors.display_name}
            data-autofocus
          />
          <Autocomplete
            label="Member level"
            description="Pick an existing level or type a new one"
            data={levels}
            value={values.member_level}
            onChange={(v) => set('member_level', v)}
            error={errors.member_level}
            comboboxProps={{ withinPortal: true }}
          />
          <TagsInput
            label="Labels"
            description="Press Enter after each label, e.g. @marathon"
            data={labels}
            value={values.labels}
            onChange={(v) => {
              set('labels', [...new Set(v.map(normalizeLabel).filter((l) => l !== '@'))]);
              setLabelsOpen(false);
            }}
            dropdownOpened={labelsOpen}
            onDropdownOpen={() => setLabelsOpen(true)}
            onDropdownClose={() => setLabelsOpen(false)}
            maxTags={MAX_LABELS}
            error={errors.labels}
            clearable
          />
          <Select
            label="Status"
            data={STATUS_OPTIONS}
            value={values.status}
            onChange={(v) => v && set('status', v as AthleteStatus)}
            allowDeselect={false}
            error={errors.status}
          />
          {canAssignCoaches && (
            <MultiSelect
              label="Assigned coaches"
              data={coachOptions}
              value={values.coach_ids}
              onChange={(v) => set('coach_ids', v)}
              searchable
              error={errors.coach_ids}
              nothingFoundMessage="No coach with that name"
            />
          )}
          <Textarea
            label="Private notes"
            description="Private — coaches only. Athletes never see these notes."
            value={values.private_notes}
            onChange={(e) => set('private_notes', e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={10}
            error={errors.private_notes}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
