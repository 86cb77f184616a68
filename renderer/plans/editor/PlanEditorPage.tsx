/** /plans/new and /plans/:id: the plan editor for a new plan or a plan of the library. */
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { usePlan } from '../../data/plans';
import { BackToPlans, PlanEditor } from './PlanEditor';

export function NewPlanPage() {
  return <PlanEditor saved={null} />;
}

export function EditPlanPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  if (plan === undefined) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading plan" />
      </Center>
    );
  }
  if (plan === null) {
    return (
      <Stack gap="sm" py="md">
        <BackToPlans />
        <Title order={1} size="h2">
          Plan not found
        </Title>
        <Text c="dimmed">This plan is not in your library, or was deleted.</Text>
      </Stack>
    );
  }
  // A new editor (fresh draft) per plan; live updates of this plan do not reset the coach's edits.
  return <PlanEditor key={plan.id} saved={plan} />;
}
