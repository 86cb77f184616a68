/**
 * Assign a plan from the library to one athlete, a roster selection or a whole group: choose a
 * (non-archived) plan and a start date (next Monday by default, in the organization's calendar),
 * then read the outcome per athlete, which stays until the coach dismisses it.
 */
import { Alert, Button, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { PLAN_LEVEL_LABELS } from '../../../shared/domain/plan';
import { isIsoDate } from '../../../shared/schedule/dates';
import { planEndDate } from '../../../shared/schedule/plan-schedule';
import { assignPlan, assignPlanToGroup, assignPlanToMany, undoAssign, useOrgToday, type AssignOutcome } from '../../data/assignments';
import { useAstralData } from '../../data/context';
import { usePlans } from '../../data/plans';
import { formatDate, formatDateRange, nextMonday } from '../../ui/dates';
import { plural } from '../../ui/format';
import { DoneActions, ModalForm } from '../../ui/ModalForm';
import { AssignReport } from './AssignReport';

export type AssignTarget =
  | { kind: 'athlete'; athleteId: string; name: string }
  | { kind: 'athletes'; athleteIds: readonly string[] }
  | { kind: 'group'; groupId: string; name: string; size: number };

function describe(target: AssignTarget): string {
  if (target.kind === 'athlete') return target.name;
  if (target.kind === 'athletes') return `${plural(target.athleteIds.length, 'selected athlete')}`;
  return `the group ${target.name} (${plural(target.size, 'athlete')})`;
}

export function AssignPlanModal({ opened, onClose, target }: { opened: boolean; onClose(): void; target: AssignTarget }) {
  const { db } = useAstralData();
  const plans = usePlans();
  const today = useOrgToday();
  const [planId, setPlanId] = useState<string | null>(null);
  const [start, setStart] = useState(() => nextMonday(today));
  const [errors, setErrors] = useState<{ plan?: string; start?: string }>({});
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<AssignOutcome[] | null>(null);
  /** null until undone; then how many assignments the undo removed. */
  const [undone, setUndone] = useState<number | null>(null);

  useEffect(() => {
    if (!opened) return;
    setPlanId(null);
    setStart(nextMonday(today));
    setErrors({});
    setOutcomes(null);
    setUndone(null);
    // Reset when the dialog opens, not when the day turns while it is open.
  }, [opened]);

  const options = useMemo(
    () =>
      (plans ?? [])
        .filter((p) => !p.archived)
        .map((p) => ({ value: p.id, label: `${p.name} · ${PLAN_LEVEL_LABELS[p.level]}, ${plural(p.weeks, 'week')}` })),
    [plans],
  );
  const plan = plans?.find((p) => p.id === planId) ?? null;
  const validStart = isIsoDate(start);

  const submit = async () => {
    const next: typeof errors = {};
    if (!plan) next.plan = 'Choose a plan';
    if (!validStart) next.start = 'Enter a start date';
    setErrors(next);
    if (!plan || !validStart) return;
    setBusy(true);
    try {
      const args = { planId: plan.id, startDate: start };
      if (target.kind === 'athlete') setOutcomes([await assignPlan(db, { ...args, athleteId: target.athleteId })]);
      else if (target.kind === 'athletes') setOutcomes(await assignPlanToMany(db, { ...args, athleteIds: [...target.athleteIds] }));
      else setOutcomes(await assignPlanToGroup(db, { ...args, groupId: target.groupId }));
    } finally {
      setBusy(false);
    }
  };

  const reporting = outcomes !== null;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={reporting ? 'Plan assignment' : 'Assign a plan'}
      size={reporting ? 'xl' : 'lg'}
      closeOnClickOutside={!reporting}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {reporting ? (
        <Stack gap="md">
          <Text size="sm">
            {plan?.name} from {formatDate(start)} for {describe(target)}:
          </Text>
          {outcomes.length === 0 ? <Alert color="yellow">This group has no athletes, so nothing was assigned.</Alert> : <AssignReport outcomes={outcomes} />}
          {undone !== null && (
            <Alert color="gray" p="xs" role="status">
              {undone > 0 ? `Undone: ${plural(undone, 'assignment')} removed.` : 'Nothing to undo: those assignments changed since.'}
            </Alert>
          )}
          <DoneActions onDone={onClose}>
            {undone === null && outcomes.some((o) => o.outcome === 'assigned') && plan && (
              <Button variant="default" onClick={() => void undoAssign(db, { outcomes, planId: plan.id, startDate: start }).then(setUndone)}>
                Undo
              </Button>
            )}
          </DoneActions>
        </Stack>
      ) : (
        <ModalForm onSubmit={submit} onCancel={onClose} submitLabel="Assign" busy={busy}>
          <Text size="sm">
            For <b>{describe(target)}</b>
          </Text>
          <Select
            label="Plan"
            placeholder={options.length ? 'Choose a plan' : 'No plans to assign yet'}
            data={options}
            value={planId}
            onChange={setPlanId}
            searchable
            openOnFocus={false}
            nothingFoundMessage="No plan with that name"
            error={errors.plan}
            description="Archived plans cannot be assigned."
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <TextInput
            label="Start date"
            type="date"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={errors.start}
            description={
              plan && validStart
                ? `Week 1 is the week of the start date. Runs ${formatDateRange(start, planEndDate(start, plan.weeks))}.`
                : 'Week 1 is the week (Monday to Sunday) that holds the start date.'
            }
            min="2000-01-01"
            max="2099-12-31"
          />
          {validStart && start < today && (
            <Alert color="yellow" p="xs">
              This start date is in the past ({formatDate(start)}); the athlete joins the plan part-way through.
            </Alert>
          )}
        </ModalForm>
      )}
    </Modal>
  );
}
