/** The bulk action bar of the roster: how many athletes are selected, and what to do with them. */
import { Button, Group, Paper, Text } from '@mantine/core';
import { plural } from '../ui/format';
import { CalendarIcon } from '../ui/icons';
import type { BulkKind } from './BulkActionModal';

export function SelectionBar({
  count,
  matching,
  allMatchingSelected,
  onSelectAllMatching,
  onAssign,
  onBulk,
  canAssignCoach,
  onClear,
}: {
  count: number;
  /** Athletes matching the search and filters (more than the rows shown on a long roster). */
  matching: number;
  allMatchingSelected: boolean;
  onSelectAllMatching(): void;
  onAssign(): void;
  /** Opens the dialog of a bulk action on the selection. */
  onBulk(kind: BulkKind): void;
  /** The head coach only: a regular coach never sees the control. */
  canAssignCoach: boolean;
  onClear(): void;
}) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="xs"
      px="md"
      radius="md"
      role="region"
      aria-label="Selected athletes"
      style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-xs))', zIndex: 3 }}
      bg="var(--mantine-color-body)"
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm">
          <Text fw={600} size="sm" aria-live="polite">
            {plural(count, 'athlete')} selected
          </Text>
          {!allMatchingSelected && matching > count && (
            <Button variant="subtle" size="compact-sm" onClick={onSelectAllMatching}>
              Select all {matching.toLocaleString()} matching
            </Button>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" size="sm" onClick={onClear}>
            Clear selection
          </Button>
          <Button variant="default" size="sm" onClick={() => onBulk('add_label')}>
            Add label
          </Button>
          <Button variant="default" size="sm" onClick={() => onBulk('remove_label')}>
            Remove label
          </Button>
          <Button variant="default" size="sm" onClick={() => onBulk('set_status')}>
            Set status
          </Button>
          {canAssignCoach && (
            <Button variant="default" size="sm" onClick={() => onBulk('assign_coach')}>
              Assign coach
            </Button>
          )}
          <Button size="sm" leftSection={<CalendarIcon size={16} />} onClick={onAssign}>
            Assign plan
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
