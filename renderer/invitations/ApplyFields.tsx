/**
 * The optional "applied when they join" fields of every invitation dialog: a group, a plan and the
 * plan's start date (empty: the day they join). Archived plans are left out, as the server refuses them.
 */
import { Select, Stack, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { PLAN_LEVEL_LABELS } from '../../shared/domain/plan';
import { isIsoDate } from '../../shared/schedule/dates';
import { useGroups } from '../data/groups';
import { usePlans } from '../data/plans';
import { formatDate } from '../ui/dates';
import { plural } from '../ui/format';

export type Applied = { group_id: string | null; training_plan_id: string | null; plan_start_date: string };
export const NO_APPLIED: Applied = { group_id: null, training_plan_id: null, plan_start_date: '' };

export function ApplyFields({
  value,
  onChange,
  errors,
  joinWord = 'join',
  groupRequired = false,
}: {
  value: Applied;
  onChange(next: Applied): void;
  errors: Record<string, string | undefined>;
  /** "join" for invitations, "are added" for existing users. */
  joinWord?: string;
  groupRequired?: boolean;
}) {
  const groups = useGroups();
  const plans = usePlans();
  const groupOptions = useMemo(() => (groups ?? []).map((g) => ({ value: g.id, label: g.name })), [groups]);
  const planOptions = useMemo(
    () =>
      (plans ?? [])
        .filter((p) => !p.archived)
        .map((p) => ({ value: p.id, label: `${p.name} · ${PLAN_LEVEL_LABELS[p.level]}, ${plural(p.weeks, 'week')}` })),
    [plans],
  );
  const start = value.plan_start_date;
  return (
    <Stack gap="sm">
      <Select
        label="Group"
        placeholder={groupOptions.length ? (groupRequired ? 'Choose a group' : 'No group') : 'No groups yet'}
        data={groupOptions}
        value={value.group_id}
        onChange={(group_id) => onChange({ ...value, group_id })}
        clearable={!groupRequired}
        searchable
        withAsterisk={groupRequired}
        nothingFoundMessage="No group with that name"
        error={fieldError('Group', errors.group_id)}
        description={`They are in this group as soon as they ${joinWord}.`}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Training plan"
        placeholder={planOptions.length ? 'No plan' : 'No plans yet'}
        data={planOptions}
        value={value.training_plan_id}
        onChange={(training_plan_id) => onChange({ ...value, training_plan_id })}
        clearable
        searchable
        nothingFoundMessage="No plan with that name"
        error={fieldError('Plan', errors.training_plan_id)}
        comboboxProps={{ withinPortal: true }}
      />
      {value.training_plan_id && (
        <TextInput
          label="Plan start date"
          type="date"
          value={start}
          onChange={(e) => onChange({ ...value, plan_start_date: e.currentTarget.value })}
          error={fieldError('Start date', errors.plan_start_date)}
          description={
            isIsoDate(start) ? `Week 1 is the week of ${formatDate(start)}.` : `Leave empty to start the plan on the day they ${joinWord}.`
          }
          min="2000-01-01"
          max="2099-12-31"
        />
      )}
    </Stack>
  );
}

/** The applied fields as a draft: a start date only with a plan. */
export const appliedDraft = (a: Applied) => ({
  group_id: a.group_id,
  training_plan_id: a.training_plan_id,
  plan_start_date: a.training_plan_id && a.plan_start_date ? a.plan_start_date : null,
});

/** A field's error as a sentence: "required" -> "First name is required", "must be …" -> "Email must be …". */
export function fieldError(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message === 'required') return `${label} is required.`;
  return /^(must|is|are) /.test(message) ? `${label} ${message}.` : message;
}
