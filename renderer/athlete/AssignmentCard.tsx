/** One assigned plan on the athlete's Plans tab: which plan, when, its status, and what the coach can do with it. */
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ASSIGNMENT_STATUS_LABELS, type AssignmentStatus } from '../../shared/domain/assignment';
import type { IsoDate } from '../../shared/schedule/dates';
import { useAstralData } from '../data/context';
import { endAssignment, removeAssignment, reopenAssignment, type AssignmentView } from '../data/assignments';
import { ConfirmModal } from '../ui/ConfirmModal';
import { formatDate, formatDateRange } from '../ui/dates';
import { plural } from '../ui/format';
import { notifyError, useSavedNotice } from '../ui/notify';
import { WeekSessions } from './WeekSessions';

const STATUS_COLORS: Record<AssignmentStatus, string> = { active: 'teal', upcoming: 'blue', completed: 'gray', ended: 'orange' };

function when(a: AssignmentView): string {
  if (a.end_date === null) return `From ${formatDate(a.start_date)}`;
  if (a.status === 'ended') {
    return a.end_date < a.start_date ? `Was to start ${formatDate(a.start_date)}; ended before it began` : formatDateRange(a.start_date, a.end_date);
  }
  return formatDateRange(a.start_date, a.end_date);
}

export function AssignmentCard({ assignment: a, today, athleteName }: { assignment: AssignmentView; today: IsoDate; athleteName: string }) {
  const { db } = useAstralData();
  const saved = useSavedNotice();
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const weeks = a.plan?.weeks;
  const headingId = `assignment-${a.id}`;

  const run = async (title: string, write: () => Promise<{ ok: true } | { ok: false; message: string }>, done: string) => {
    setBusy(true);
    const r = await write().finally(() => setBusy(false));
    if (!r.ok) notifyError(title, r.message);
    else saved(done);
  };

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5" id={headingId}>
                {a.plan ? (
                  <Anchor component={Link} to={`/plans/${a.plan.id}`} inherit>
                    {a.plan_name}
                  </Anchor>
                ) : (
                  a.plan_name
                )}
              </Title>
              {a.status === null ? (
                <Badge color="gray" variant="outline" tt="none">
                  Plan not synced yet
                </Badge>
              ) : (
                <Badge color={STATUS_COLORS[a.status]} variant="light" tt="none">
                  {ASSIGNMENT_STATUS_LABELS[a.status]}
                </Badge>
              )}
              {a.overlaps && (
                <Badge color="yellow" variant="outline" tt="none" title="This plan's dates overlap another plan of this athlete">
                  Overlaps
                </Badge>
              )}
            </Group>
            <Text size="sm">
              {a.status === 'active' && a.week !== null && weeks !== undefined && (
                <Text span fw={600} size="sm">
                  Week {a.week} of {weeks} ·{' '}
                </Text>
              )}
              {when(a)}
              {a.status === 'upcoming' && weeks !== undefined && ` · ${plural(weeks, 'week')}`}
            </Text>
          </Stack>
          <Group gap="xs">
            {a.status === 'active' && (
              <Button size="compact-sm" variant="default" loading={busy} onClick={() => void run('Not ended', () => endAssignment(db, a.id, today), `Ended ${a.plan_name}`)}>
                End now
              </Button>
            )}
            {a.status === 'ended' && (
              <Button size="compact-sm" variant="default" loading={busy} onClick={() => void run('Not reopened', () => reopenAssignment(db, a.id), `Reopened ${a.plan_name}`)}>
                Reopen
              </Button>
            )}
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(true)}>
              Remove
            </Button>
          </Group>
        </Group>
        {a.status === 'active' && (
          <WeekSessions sessions={a.thisWeek} today={today} label={`This week of ${a.plan_name}`} />
        )}
      </Stack>
      <ConfirmModal
        opened={removing}
        onClose={() => setRemoving(false)}
        title="Remove this plan?"
        confirmLabel="Remove plan"
        onConfirm={async () => {
          const r = await removeAssignment(db, a.id);
          if (!r.ok) return r.message;
          saved(`Removed ${a.plan_name}`);
          return null;
        }}
      >
        <Text size="sm">
          <b>{a.plan_name}</b> ({when(a)}) is taken off {athleteName}'s plans, as if it had never been assigned.
          {a.status === 'active' && ' To stop it but keep it in the history, use End now instead.'}
        </Text>
      </ConfirmModal>
    </Paper>
  );
}
