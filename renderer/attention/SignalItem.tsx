/**
 * One open signal on the Needs attention page: severity, what fired (rule title and the server's
 * one-sentence summary with its figures), when it was detected, and Acknowledge / Snooze.
 */
import { Button, Group, Menu, Stack, Text } from '@mantine/core';
import { addDays } from '../../shared/schedule/dates';
import { SIGNAL_RULE_LABELS, type AttentionSignal } from '../../shared/domain/signal';
import { formatDate } from '../ui/dates';
import { SeverityBadge } from './SeverityBadge';

/** Snooze lengths: the signal is back (open) on the day after `snoozed_until`. */
const SNOOZES = [
  { days: 1, label: '1 day' },
  { days: 3, label: '3 days' },
  { days: 7, label: '1 week' },
  { days: 14, label: '2 weeks' },
] as const;

export function snoozeUntil(today: string, days: number): string {
  return addDays(today, days - 1);
}

/** "today", "yesterday", else the date (with the year when it is not this year's). */
export function detectedWhen(day: string, today: string): string {
  if (day === today) return 'today';
  if (day === addDays(today, -1)) return 'yesterday';
  return formatDate(day, { year: day.slice(0, 4) !== today.slice(0, 4) });
}

export function SignalItem({
  signal,
  today,
  canAct,
  onAcknowledge,
  onSnooze,
}: {
  signal: AttentionSignal;
  today: string;
  /** False while the coach's membership is unknown (no coach id to record). */
  canAct: boolean;
  onAcknowledge(): void;
  onSnooze(until: string): void;
}) {
  const title = SIGNAL_RULE_LABELS[signal.rule].title;
  return (
    <Group component="li" justify="space-between" align="flex-start" wrap="nowrap" gap="md" aria-label={`${title} (${signal.severity})`}>
      <Stack gap={2} miw={0}>
        <Group gap="xs" wrap="nowrap">
          <SeverityBadge severity={signal.severity} size="sm" />
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            detected {detectedWhen(signal.detected_on, today)}
          </Text>
        </Group>
        <Text size="sm">{signal.summary}</Text>
        <Text size="xs" c="dimmed">
          {SIGNAL_RULE_LABELS[signal.rule].rule}
        </Text>
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <Button size="compact-sm" variant="light" disabled={!canAct} onClick={onAcknowledge} aria-label={`Acknowledge ${title}`}>
          Acknowledge
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-sm" variant="subtle" color="gray" disabled={!canAct} aria-label={`Snooze ${title}`}>
              Snooze
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Hide it for</Menu.Label>
            {SNOOZES.map((s) => {
              const until = snoozeUntil(today, s.days);
              return (
                <Menu.Item key={s.days} onClick={() => onSnooze(until)}>
                  {s.label} (back {formatDate(addDays(until, 1), { year: false })})
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
