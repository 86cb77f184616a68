/** Insights: plain sentences from fixed rules (shared/training/insights.ts), each with the figures behind it. */
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { Figure } from '../../../shared/domain/signal';
import type { Insight } from '../../../shared/training/insights';
import { METERS_PER_MILE, type DistanceUnits } from '../../../shared/training/units';
import { Dimmed, Section } from './Section';

/** A figure as text; a distance in km is shown in miles when that is the coach's unit (signal summaries stay as the server wrote them). */
export function figureText(f: Figure, units: DistanceUnits = 'km'): string {
  const miles = f.unit === 'km' && units === 'mi';
  const value = miles ? Math.round((f.value * 1000 * 10) / METERS_PER_MILE) / 10 : f.value;
  const unit = miles ? 'mi' : f.unit;
  return `${f.label}: ${value.toLocaleString('en-US')}${unit === '%' ? '%' : ` ${unit}`}`;
}

export function Figures({ figures, units }: { figures: readonly Figure[]; units?: DistanceUnits }) {
  if (figures.length === 0) return null;
  return (
    <Group gap={6} mt={4} aria-label="Figures">
      {figures.map((f) => (
        <Badge key={f.key} variant="default" tt="none" fw={500} size="sm" radius="sm">
          {figureText(f, units)}
        </Badge>
      ))}
    </Group>
  );
}

export function InsightsCard({ insights }: { insights: readonly Insight[] }) {
  return (
    <Section id="insights" title="Insights" source="Computed from the athlete's data by fixed rules, not written by a language model">
      {insights.length === 0 ? (
        <Dimmed>No insights yet: they appear once activities are recorded.</Dimmed>
      ) : (
        <List spacing="sm" listStyleType="none" pl={0}>
          {insights.map((i) => (
            <List.Item key={i.key} data-insight={i.key}>
              <Stack gap={0}>
                <Text size="sm">{i.text}.</Text>
                <Figures figures={i.figures} />
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}
