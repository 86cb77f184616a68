/**
 * Edit the goal race (name, date, distance from presets or custom in the unit setting, goal time)
 * and the target pace (m:ss per km or mile). Saved as an ordinary athlete edit (setGoal), so it
 * works offline and merges with other coaches' edits. Leaving every field empty clears both.
 */
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { GoalRace, TargetPace, type Athlete } from '../../../shared/domain/athlete';
import type { CoachRole } from '../../../shared/domain/organization';
import type { DistanceUnits } from '../../../shared/training/units';
import { useAstralData } from '../../data/context';
import { setGoal } from '../../data/profile';
import { RACE_PRESETS, clockText, paceFromText, paceText, parseClock, presetOf, unitMeters } from './format';

type Errors = Partial<Record<'name' | 'date' | 'distance' | 'time' | 'pace' | 'form', string>>;

export function GoalModal({ athlete, units, role, opened, onClose }: { athlete: Athlete; units: DistanceUnits; role?: CoachRole; opened: boolean; onClose(): void }) {
  const { db } = useAstralData();
  const goal = athlete.goal_race;
  const [name, setName] = useState(goal?.name ?? '');
  const [date, setDate] = useState(goal?.date ?? '');
  const [preset, setPreset] = useState<string>(goal ? presetOf(goal.distance_m) : '42195');
  const [custom, setCustom] = useState<number | string>(goal && presetOf(goal.distance_m) === 'custom' ? Math.round((goal.distance_m / unitMeters(units)) * 100) / 100 : '');
  const [time, setTime] = useState(goal?.goal_time_s ? clockText(goal.goal_time_s) : '');
  const [pace, setPace] = useState(athlete.target_pace_s_per_km ? paceText(athlete.target_pace_s_per_km, units) : '');
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const save = async (clear = false) => {
    const e: Errors = {};
    const empty = clear || (name.trim() === '' && date === '' && time.trim() === '' && pace.trim() === '');
    let race: GoalRace | null = null;
    let paceS: number | null = null;
    if (!empty) {
      const distance = preset === 'custom' ? Math.round(Number(custom) * unitMeters(units)) : Number(preset);
      const timeS = time.trim() === '' ? null : parseClock(time);
      if (time.trim() !== '' && timeS === null) e.time = 'Write the goal time as h:mm:ss, e.g. 3:29:30.';
      if (preset === 'custom' && (custom === '' || !Number.isFinite(distance) || distance <= 0)) e.distance = `Give the distance in ${units}.`;
      const parsed = GoalRace.safeParse({ name: name.trim(), date, distance_m: distance, goal_time_s: timeS });
      if (name.trim() !== '' || date !== '' || time.trim() !== '') {
        if (parsed.success) race = parsed.data;
        else
          for (const issue of parsed.error.issues) {
            const key = ({ name: 'name', date: 'date', distance_m: 'distance', goal_time_s: 'time' } as const)[String(issue.path[0]) as 'name'];
            if (key) e[key] ??= issue.path[0] === 'date' && date === '' ? 'Give the race date.' : issue.message;
          }
      }
      if (pace.trim() !== '') {
        paceS = paceFromText(pace, units);
        const checked = TargetPace.safeParse(paceS);
        if (paceS === null) e.pace = `Write the pace as m:ss per ${units}, e.g. ${units === 'km' ? '4:50' : '7:45'}.`;
        else if (!checked.success) e.pace = checked.error.issues[0]?.message ?? 'Not a running pace.';
      }
    }
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setSaving(true);
    const result = await setGoal(db, athlete.id, race, paceS, role);
    setSaving(false);
    if (!result.ok) {
      setErrors({ form: result.message, pace: result.fieldErrors.target_pace_s_per_km, name: result.fieldErrors.goal_race });
      return;
    }
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Goal race and target pace" size="lg">
      <Stack gap="sm">
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <TextInput label="Race name" placeholder="Valencia Marathon" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
        <Group grow align="flex-start">
          <TextInput label="Race date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} />
          <Select label="Distance" data={RACE_PRESETS.map((p) => ({ value: p.value, label: p.label }))} value={preset} onChange={(v) => setPreset(v ?? '42195')} allowDeselect={false} />
        </Group>
        {preset === 'custom' && (
          <NumberInput label={`Distance (${units})`} min={0.1} decimalScale={2} value={custom} onChange={setCustom} error={errors.distance} w={200} />
        )}
        <Group grow align="flex-start">
          <TextInput label="Goal time (h:mm:ss)" placeholder="3:29:30" value={time} onChange={(e) => setTime(e.currentTarget.value)} error={errors.time} description="Optional" />
          <TextInput
            label={`Target pace (m:ss per ${units})`}
            placeholder={units === 'km' ? '4:55' : '7:55'}
            value={pace}
            onChange={(e) => setPace(e.currentTarget.value)}
            error={errors.pace}
            description="Optional"
          />
        </Group>
        <Group justify="space-between" mt="sm">
          <Button variant="subtle" color="red" onClick={() => void save(true)} disabled={saving || (!goal && athlete.target_pace_s_per_km === null)}>
            Clear goal
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={saving}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
