/**
 * The layout of the profile's computed sections: signals first (what needs a look), then plans,
 * goal and integrations side by side, the weekly trend, training load, insights, and the recent
 * activities with the file drop zone. Every distance and pace follows the coach's unit setting.
 */
import { SimpleGrid, Stack } from '@mantine/core';
import type { CoachRole } from '../../../shared/domain/organization';
import { formatDistance } from '../../../shared/training/units';
import type { AthleteProfile } from '../../data/profile';
import { ActivitiesCard } from './ActivitiesCard';
import { GoalCard } from './GoalCard';
import { ImportZone } from './ImportZone';
import { InsightsCard } from './InsightsCard';
import { IntegrationsCard } from './IntegrationsCard';
import { LoadCard } from './LoadCard';
import { PlansCard } from './PlansCard';
import { Section } from './Section';
import { SignalsCard } from './SignalsCard';
import { WeeklyChart } from './WeeklyChart';

export function ProfileSections({ profile, coachId, role }: { profile: AthleteProfile; coachId: string | null; role?: CoachRole }) {
  const { athlete, units, today, weeks } = profile;
  const total = weeks.reduce((s, w) => s + w.distance_m, 0);
  return (
    <Stack gap="lg">
      <SignalsCard open={profile.openSignals} handled={profile.handledSignals} resolved={profile.resolvedSignals} today={today} coachId={coachId} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <PlansCard athleteId={athlete.id} current={profile.current} upcoming={profile.upcoming} />
        <GoalCard athlete={athlete} units={units} today={today} role={role} />
        <IntegrationsCard integrations={athlete.integrations} />
      </SimpleGrid>
      <Section
        id="trend"
        title="Weekly running distance"
        source={`Last ${weeks.length} weeks, Monday to Sunday · runs and trail runs · ${formatDistance(total, units)} in all · current week so far`}
      >
        <WeeklyChart weeks={weeks} units={units} />
      </Section>
      <LoadCard load={profile.load} />
      <InsightsCard insights={profile.insights} />
      <ActivitiesCard recent={profile.recent} total={profile.activities.filter((a) => a.local_date <= today && a.local_date >= (weeks[0]?.week_start ?? today)).length} units={units} />
      <ImportZone athleteId={athlete.id} />
    </Stack>
  );
}
