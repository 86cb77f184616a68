/**
 * Training load figures, each with its unit, its window and a one-line meaning on hover; below,
 * how the loads were found (TRIMP from heart rate, or the estimate from duration and pace / RPE).
 * Formulas: shared/training/load.ts.
 */
import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { LoadFigures, RatioFigure } from '../../data/profile';
import { Explained, Section } from './Section';

type Tile = { key: string; label: string; meaning: string; value: string; unit: string; note: string };

const num = (v: number | null, digits = 0) => (v === null ? '–' : v.toFixed(digits));
const pct = (r: RatioFigure) => (r.ratio === null ? '–' : `${Math.round(r.ratio * 100)}%`);
const done = (r: RatioFigure) => (r.scheduled === 0 ? 'no planned runs' : `${r.completed} of ${r.scheduled} planned runs`);

function tiles(l: LoadFigures): Tile[] {
  return [
    { key: 'ctl', label: 'Fitness (CTL)', meaning: 'Chronic training load: the 42-day exponentially weighted average of daily load. Rises slowly with consistent training.', value: num(l.ctl), unit: 'TRIMP/day', note: '42-day average' },
    { key: 'atl', label: 'Fatigue (ATL)', meaning: 'Acute training load: the 7-day exponentially weighted average of daily load. Reacts to the last few days.', value: num(l.atl), unit: 'TRIMP/day', note: '7-day average' },
    { key: 'tsb', label: 'Form (TSB)', meaning: 'Training stress balance = fitness − fatigue. Negative: tired from recent training; positive: fresh.', value: l.tsb === null ? '–' : `${l.tsb > 0 ? '+' : ''}${l.tsb}`, unit: 'TRIMP/day', note: 'CTL − ATL, today' },
    {
      key: 'acwr',
      label: 'ACWR',
      meaning: 'Acute:chronic workload ratio: 7-day load against the weekly average of 28 days. 0.8–1.3 is the usual range; 1.5 or more is a spike (Gabbett 2016).',
      value: num(l.acwr, 2),
      unit: 'ratio',
      note: l.acwrHistory ? '7 days / 28 days' : 'needs 4 weeks of history',
    },
    { key: 'load7d', label: '7-day load', meaning: 'Sum of the daily loads of the last 7 days, today included.', value: num(l.load7d), unit: 'TRIMP', note: `28-day weekly average ${l.chronicWeekly}` },
    {
      key: 'monotony',
      label: 'Monotony',
      meaning: 'Foster: mean daily load / its standard deviation over 7 days. Above 2 the days are much alike, linked to illness and overtraining.',
      value: num(l.monotony, 1),
      unit: 'ratio',
      note: l.monotony === null ? 'no variation to measure' : `last 7 days · strain ${l.strain}`,
    },
    { key: 'c7', label: 'Compliance, 7 days', meaning: 'Planned runs done (at least half the planned duration) in the last 7 days; today counts once done.', value: pct(l.compliance7), unit: '', note: done(l.compliance7) },
    { key: 'c28', label: 'Compliance, 28 days', meaning: 'Planned runs done (at least half the planned duration) in the last 28 days.', value: pct(l.compliance28), unit: '', note: done(l.compliance28) },
  ];
}

function methodLine(m: LoadFigures['methods']): string {
  const parts: string[] = [];
  if (m.trimp) parts.push(`TRIMP from heart rate (${m.trimp} ${m.trimp === 1 ? 'activity' : 'activities'})`);
  if (m.estimate) parts.push(`estimate from duration and pace (${m.estimate})`);
  if (m.session_rpe) parts.push(`estimate from session RPE (${m.session_rpe})`);
  return parts.length ? `Load method, last 28 days: ${parts.join('; ')}.` : 'No activities in the last 28 days.';
}

export function LoadCard({ load }: { load: LoadFigures }) {
  return (
    <Section id="load" title="Training load" source="Computed on this device from the activities below · load in TRIMP (Banister)">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="md" component="dl" m={0}>
        {tiles(load).map((t) => (
          <Stack key={t.key} gap={2} data-figure={t.key}>
            <dt>
              <Explained label={t.label} meaning={t.meaning} />
            </dt>
            <Text component="dd" m={0} size="xl" fw={700} lh={1.2}>
              {t.value}{' '}
              {t.unit && t.value !== '–' && (
                <Text component="span" size="xs" c="dimmed" fw={500}>
                  {t.unit}
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {t.note}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">
        {methodLine(load.methods)}
      </Text>
    </Section>
  );
}
