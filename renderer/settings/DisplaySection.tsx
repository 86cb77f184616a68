/** Settings > Display: the distance unit every distance and pace of the app is shown in (this device only). */
import { Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { UNIT_LABELS, useUnitsStore, type DistanceUnits } from './units';

export function DisplaySection() {
  const units = useUnitsStore((s) => s.units);
  const setUnits = useUnitsStore((s) => s.setUnits);
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="display-heading">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="display-heading">
            Display
          </Title>
          <Text size="sm" c="dimmed">
            Distances and paces on athlete profiles. A setting of this device; other coaches keep theirs.
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="units-label">
            Distance unit
          </Text>
          <SegmentedControl
            aria-labelledby="units-label"
            w="fit-content"
            value={units}
            onChange={(v) => setUnits(v as DistanceUnits)}
            data={(Object.keys(UNIT_LABELS) as DistanceUnits[]).map((value) => ({ value, label: UNIT_LABELS[value] }))}
          />
        </Stack>
      </Stack>
    </Paper>
  );
}
