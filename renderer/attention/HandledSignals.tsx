/**
 * Below the Needs attention list: the signals the staff acknowledged or snoozed (not resolved yet),
 * who did it and until when, with Reopen. Folded by default; it is the way back from a mistaken
 * acknowledgement once its Undo has gone.
 */
import { Anchor, Button, Card, Collapse, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Athlete } from '../../shared/domain/athlete';
import { SIGNAL_RULE_LABELS, type AttentionSignal } from '../../shared/domain/signal';
import { useCoachNames } from '../data/coaches';
import { formatDate } from '../ui/dates';
import { formatTime } from '../ui/format';
import { SeverityBadge } from './SeverityBadge';

function handledText(s: AttentionSignal, coachNames: Map<string, string>): string {
  const who = s.handled_by ? (coachNames.get(s.handled_by) ?? 'a former coach') : 'a coach';
  const when = s.handled_at ? `, ${formatTime(new Date(s.handled_at))}` : '';
  if (s.status === 'snoozed' && s.snoozed_until) return `Snoozed until ${formatDate(s.snoozed_until, { year: false })} by ${who}${when}`;
  return `Acknowledged by ${who}${when}`;
}

export function HandledSignals({
  signals,
  athletes,
  canAct,
  onReopen,
}: {
  signals: readonly AttentionSignal[];
  athletes: ReadonlyMap<string, Athlete>;
  canAct: boolean;
  onReopen(id: string): void;
}) {
  const [open, setOpen] = useState(false);
  const coachNames = useCoachNames();
  if (signals.length === 0) return null;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Acknowledged and snoozed ({signals.length})
        </Text>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Hide' : 'Show'}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Stack component="ul" gap="xs" p={0} mt="sm" mb={0} style={{ listStyle: 'none' }} aria-label="Acknowledged and snoozed signals">
          {signals.map((s) => {
            const a = athletes.get(s.athlete_id);
            const title = SIGNAL_RULE_LABELS[s.rule].title;
            return (
              <Group component="li" key={s.id} justify="space-between" wrap="nowrap" gap="sm">
                <Group gap="xs" wrap="wrap" miw={0}>
                  <SeverityBadge severity={s.severity} size="sm" />
                  <Anchor component={Link} to={`/athletes/${s.athlete_id}`} size="sm" fw={600}>
                    {a ? `${a.first_name} ${a.last_name}` : 'Athlete'}
                  </Anchor>
                  <Text size="sm">{title}</Text>
                  <Text size="xs" c="dimmed">
                    {handledText(s, coachNames)}
                  </Text>
                </Group>
                <Button size="compact-sm" variant="default" disabled={!canAct} onClick={() => onReopen(s.id)} aria-label={`Reopen ${title}`}>
                  Reopen
                </Button>
              </Group>
            );
          })}
        </Stack>
      </Collapse>
    </Card>
  );
}
