/**
 * One day of a plan: add, change or remove its workout. Values are typed as a coach says them
 * (km, h:mm, m:ss per km); the day is checked with the shared PlanSession schema before it goes
 * into the draft, and each problem is shown under its field.
 */
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DAY_NAMES, type PlanSession, type WorkoutKind } from '../../../shared/domain/plan';
import { EMPTY, KIND_OPTIONS, readWorkout, valuesOf, type Field, type Values } from './workoutForm';

export function WorkoutModal({
  opened,
  week,
  day,
  session,
  onSave,
  onClose,
}: {
  opened: boolean;
  week: number;
  day: number;
  session: PlanSession | undefined;
  onSave(session: PlanSession | null): void;
  onClose(): void;
}) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  useEffect(() => {
    if (!opened) return;
    setValues(valuesOf(session));
    setErrors({});
    // Reset when the dialog opens for a day.
  }, [opened, week, day]);

  const set = <K extends Field>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const rest = values.kind === 'rest';
  const save = () => {
    const result = readWorkout(values, week, day);
    if (!result.ok) return setErrors(result.errors);
    onSave(result.session);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Week ${week}, ${DAY_NAMES[day - 1] ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        noValidate
      >
        <Stack gap="md">
          <Select
            label="Kind"
            data={KIND_OPTIONS}
            value={values.kind}
            onChange={(k) => k && set('kind', k as WorkoutKind)}
            allowDeselect={false}
            error={errors.kind}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          {rest && (
            <Alert color="gray" p="xs">
              A rest day has no distance, duration, pace or effort.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label="Distance (km)" placeholder="e.g. 12.5" inputMode="decimal" value={values.km} onChange={(e) => set('km', e.currentTarget.value)} error={errors.km} disabled={rest} />
            <TextInput label="Duration (h:mm)" placeholder="e.g. 1:15" value={values.duration} onChange={(e) => set('duration', e.currentTarget.value)} error={errors.duration} disabled={rest} />
            <TextInput label="Target pace (m:ss per km)" placeholder="e.g. 5:30" value={values.pace} onChange={(e) => set('pace', e.currentTarget.value)} error={errors.pace} disabled={rest} />
            <NumberInput
              label="Effort (RPE 1-10)"
              placeholder="e.g. 6"
              min={1}
              max={10}
              allowDecimal={false}
              allowNegative={false}
              value={values.rpe}
              onChange={(v) => set('rpe', v)}
              error={errors.rpe}
              disabled={rest}
            />
          </SimpleGrid>
          <TextInput label="Note" placeholder="e.g. 6 × 800 m, 2 min jog between" value={values.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.note} maxLength={300} />
          <Group justify="space-between" gap="sm" mt="xs">
            {session ? (
              <Button variant="subtle" color="red" onClick={() => onSave(null)}>
                Remove workout
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit">{session ? 'Update day' : 'Add to plan'}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
