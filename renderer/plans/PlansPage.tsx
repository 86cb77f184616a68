/** The organization's plan library: current plans, archived ones apart, with their figures and actions. */
import { Anchor, Badge, Button, Center, Group, Loader, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PLAN_LEVEL_LABELS, type TrainingPlan } from '../../shared/domain/plan';
import { useAssignmentCounts } from '../data/assignments';
import { usePlans } from '../data/plans';
import { plural } from '../ui/format';
import { PlusIcon } from '../ui/icons';
import { ImportPlanButton } from './ImportPlanButton';
import { PlanActions } from './PlanActions';
import { sessionsPerWeek } from './planFigures';

const LEVEL_COLORS = { beginner: 'teal', intermediate: 'blue', advanced: 'grape' } as const;

function PlanRow({ plan, assigned }: { plan: TrainingPlan; assigned: number }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/plans/${plan.id}`} fw={600} size="sm">
          {plan.name}
        </Anchor>
        {plan.description && (
          <Text size="xs" c="dimmed" lineClamp={1} maw={380}>
            {plan.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge color={LEVEL_COLORS[plan.level]} variant="light" tt="none" styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}>
          {PLAN_LEVEL_LABELS[plan.level]}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{plural(plan.weeks, 'week')}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{sessionsPerWeek(plan)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {assigned > 0 ? plural(assigned, 'athlete') : <Text span size="sm" c="dimmed">Not assigned</Text>}
      </Table.Td>
      <Table.Td ta="right">
        <PlanActions plan={plan} assigned={assigned} />
      </Table.Td>
    </Table.Tr>
  );
}

export function PlansPage() {
  const plans = usePlans();
  const counts = useAssignmentCounts();
  const [view, setView] = useState<'current' | 'archived'>('current');
  const archivedCount = useMemo(() => (plans ?? []).filter((p) => p.archived).length, [plans]);
  const shown = useMemo(() => (plans ?? []).filter((p) => p.archived === (view === 'archived')), [plans, view]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Training plans
          </Title>
          <Text c="dimmed" size="sm">
            The organization's plan library, shared by every coach.
          </Text>
        </Stack>
        <Group gap="sm">
          <ImportPlanButton />
          <Button component={Link} to="/plans/new" leftSection={<PlusIcon size={16} />}>
            New plan
          </Button>
        </Group>
      </Group>

      <SegmentedControl
        w="fit-content"
        aria-label="Which plans"
        value={view}
        onChange={(v) => setView(v === 'archived' ? 'archived' : 'current')}
        data={[
          { value: 'current', label: `Current (${(plans?.length ?? 0) - archivedCount})` },
          { value: 'archived', label: `Archived (${archivedCount})` },
        ]}
      />

      {!plans ? (
        <Center py="xl">
          <Loader aria-label="Loading plans" />
        </Center>
      ) : shown.length === 0 ? (
        <Stack align="center" py={48} gap={4}>
          <Text fw={600}>{view === 'archived' ? 'No archived plans.' : 'No plans yet.'}</Text>
          {view === 'current' && (
            <Text c="dimmed" size="sm">
              Create a plan with New plan, or import a plan file another coach exported.
            </Text>
          )}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={view === 'archived' ? 'Archived plans' : 'Plans'} striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Length</Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Workouts per week</Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Assigned to</Table.Th>
                <Table.Th scope="col" w={56}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p) => (
                <PlanRow key={p.id} plan={p} assigned={counts?.get(p.id) ?? 0} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
