/**
 * Create or edit a plan: name, description, level, length, and the week-by-day grid. Everything is
 * edited in a draft and written on Save, which validates the whole plan; problems are shown on
 * their field or grid cell, and listed above the grid.
 */
import { Alert, Anchor, Badge, Button, Group, List, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Input } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { MAX_PLAN_WEEKS, PLAN_LEVELS, PLAN_LEVEL_LABELS, type PlanLevel, type TrainingPlan } from '../../../shared/domain/plan';
import { useAstralData } from '../../data/context';
import { createPlan, updatePlan } from '../../data/plans';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { plural } from '../../ui/format';
import { ArrowLeftIcon } from '../../ui/icons';
import { useSavedNotice } from '../../ui/notify';
import { EMPTY_DRAFT, beyondLength, cellKey, clearWeek, contentOf, copyWeek, draftOf, dropBeyondLength, patchOf, sessionAt, setSession, splitErrors, type Draft, type SplitErrors } from './draft';
import { PlanGrid } from './PlanGrid';
import { WorkoutModal } from './WorkoutModal';

const LEVEL_OPTIONS = PLAN_LEVELS.map((l) => ({ value: l, label: PLAN_LEVEL_LABELS[l] }));
const NO_ERRORS: SplitErrors = { fields: {}, cells: new Map(), lines: [] };

export function BackToPlans() {
  return (
    <Anchor component={Link} to="/plans" size="sm" w="fit-content">
      <Group gap={4} component="span">
        <ArrowLeftIcon size={16} />
        Back to plans
      </Group>
    </Anchor>
  );
}

export function PlanEditor({ saved }: { saved: TrainingPlan | null }) {
  const { db } = useAstralData();
  const navigate = useNavigate();
  const notice = useSavedNotice();
  const [base, setBase] = useState<Draft>(() => (saved ? draftOf(saved) : EMPTY_DRAFT));
  const [draft, setDraft] = useState<Draft>(base);
  const [errors, setErrors] = useState<SplitErrors>(NO_ERRORS);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [cell, setCell] = useState<{ week: number; day: number } | null>(null);
  const [discarding, discard] = useDisclosure(false);

  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(base), [draft, base]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (change: (d: Draft) => Draft) => setDraft((d) => change(d));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => edit((d) => ({ ...d, [key]: value }));
  const openCell = useCallback((week: number, day: number) => setCell({ week, day }), []);
  const beyond = beyondLength(draft);
  const weeks = draft.weeks === '' ? 0 : draft.weeks;

  const save = async () => {
    setSaving(true);
    try {
      const result = saved ? await updatePlan(db, saved.id, patchOf(contentOf(base), draft)) : await createPlan(db, contentOf(draft));
      if (!result.ok) {
        const split = splitErrors(draft, result.fieldErrors ?? {});
        setErrors(split);
        setMessage(result.message);
        return;
      }
      setErrors(NO_ERRORS);
      setMessage(null);
      const next = draftOf(result.value);
      setBase(next);
      setDraft(next);
      if (saved) notice(result.changed ? `Saved ${result.value.name}` : 'Nothing to save');
      else {
        notice(`Created ${result.value.name}`);
        void navigate(`/plans/${result.value.id}`, { replace: true });
      }
    } finally {
      setSaving(false);
    }
  };

  const leave = () => (dirty ? discard.open() : void navigate('/plans'));

  return (
    <Stack gap="md">
      <BackToPlans />
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Title order={1} size="h2">
            {saved ? `Edit ${saved.name}` : 'New plan'}
          </Title>
          {saved?.archived && (
            <Badge color="gray" variant="light" tt="none">
              Archived
            </Badge>
          )}
          {dirty && (
            <Text size="sm" c="dimmed">
              Unsaved changes
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" onClick={leave}>
            {dirty ? 'Cancel' : 'Close'}
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={saved !== null && !dirty}>
            {saved ? 'Save plan' : 'Create plan'}
          </Button>
        </Group>
      </Group>

      {message && (
        <Alert color="red" title={message}>
          {errors.lines.length > 0 && (
            <List size="sm" spacing={2}>
              {errors.lines.map((l) => (
                <List.Item key={l}>{l}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}

      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput label="Name" required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.fields.name} maxLength={120} data-autofocus />
            <Input.Wrapper label="Level" error={errors.fields.level}>
              <SegmentedControl
                fullWidth
                data={LEVEL_OPTIONS}
                value={draft.level}
                onChange={(v) => set('level', v as PlanLevel)}
                aria-label="Level"
              />
            </Input.Wrapper>
            <NumberInput
              label="Length (weeks)"
              min={1}
              max={MAX_PLAN_WEEKS}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              value={draft.weeks}
              onChange={(v) => set('weeks', typeof v === 'number' ? v : '')}
              error={errors.fields.weeks}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            placeholder="Who the plan is for and what it builds towards"
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.fields.description}
            autosize
            minRows={2}
            maxRows={6}
          />
        </Stack>
      </Paper>

      {beyond.length > 0 && (
        <Alert color="yellow" title={`${plural(beyond.length, 'workout')} after week ${weeks}`}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">The plan now lasts {plural(weeks, 'week')}; the greyed weeks below are not part of it and cannot be saved.</Text>
            <Button size="xs" variant="white" color="orange" onClick={() => edit(dropBeyondLength)}>
              Remove them
            </Button>
          </Group>
        </Alert>
      )}
      {errors.fields.sessions && <Alert color="red">{errors.fields.sessions}</Alert>}

      <Stack gap={4}>
        <Title order={2} size="h4">
          Workouts
        </Title>
        <Text size="sm" c="dimmed">
          Click a day to add, change or remove its workout. Week 1 starts on the Monday of the week the plan is assigned from.
        </Text>
      </Stack>
      <PlanGrid
        weeks={weeks}
        sessions={draft.sessions}
        cellErrors={errors.cells}
        onOpen={openCell}
        onCopyWeek={(from, to) => edit((d) => copyWeek(d, from, to))}
        onClearWeek={(w) => edit((d) => clearWeek(d, w))}
      />

      <WorkoutModal
        opened={cell !== null}
        week={cell?.week ?? 1}
        day={cell?.day ?? 1}
        session={cell ? sessionAt(draft, cell.week, cell.day) : undefined}
        onClose={() => setCell(null)}
        onSave={(s) => {
          if (cell) {
            edit((d) => setSession(d, cell.week, cell.day, s));
            // The day was just changed: its old error no longer applies (Save checks again).
            setErrors((e) => (e.cells.has(cellKey(cell.week, cell.day)) ? { ...e, cells: new Map([...e.cells].filter(([k]) => k !== cellKey(cell.week, cell.day))) } : e));
          }
          setCell(null);
        }}
      />
      <ConfirmModal opened={discarding} onClose={discard.close} title="Discard your changes?" confirmLabel="Discard changes" onConfirm={async () => {
        setDraft(base);
        void navigate('/plans');
        return null;
      }}>
        <Text size="sm">The changes you made to this plan since it was last saved are lost.</Text>
      </ConfirmModal>
    </Stack>
  );
}
