/**
 * /attention: the athletes whose open signals need a look, urgent first (attentionList.ts), with
 * the urgent and watch counts. Acknowledge and snooze are local writes synced to the whole staff;
 * an acknowledgement can be undone from its confirmation. "My athletes" keeps the athletes
 * assigned to the signed-in coach; the choice lives in the URL (?who=mine|all).
 */
import { Anchor, Button, Card, Center, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAthletes } from '../data/athletes';
import { useMyMembership } from '../data/coaches';
import { useOrgToday } from '../data/orgToday';
import { countBySeverity, useHandledSignals, useOpenSignals, useSignalActions, type SignalWrite } from '../data/signals';
import { useSession } from '../session/store';
import { notifyError } from '../ui/notify';
import { formatDate } from '../ui/dates';
import { HandledSignals } from './HandledSignals';
import { attentionEntries, countsLine, type AttentionEntry, type AttentionScope } from './attentionList';
import { SeverityBadge } from './SeverityBadge';
import { SignalItem } from './SignalItem';

function useScope(defaultScope: AttentionScope): [AttentionScope, (s: AttentionScope) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('who');
  const scope: AttentionScope = raw === 'all' || raw === 'mine' ? raw : defaultScope;
  return [scope, (s) => setParams((prev) => ({ ...Object.fromEntries(prev), who: s }), { replace: true })];
}

export function NeedsAttentionPage() {
  const open = useOpenSignals();
  const athletes = useAthletes();
  const today = useOrgToday();
  const me = useMyMembership(useSession((s) => s.user?.id));
  const myCoachId = me?.id ?? null;
  const [scope, setScope] = useScope(me?.role === 'head_coach' ? 'all' : 'mine');
  const actions = useSignalActions();

  const byId = useMemo(() => new Map((athletes ?? []).map((a) => [a.id, a])), [athletes]);
  const entries = useMemo(() => attentionEntries(open ?? [], byId, scope, myCoachId), [open, byId, scope, myCoachId]);
  const counts = useMemo(() => countBySeverity(entries.flatMap((e) => e.signals)), [entries]);
  const handledAll = useHandledSignals();
  const handled = useMemo(
    () => (handledAll ?? []).filter((s) => scope === 'all' || (myCoachId !== null && byId.get(s.athlete_id)?.coach_ids.includes(myCoachId))),
    [handledAll, scope, myCoachId, byId],
  );

  const done = (result: SignalWrite, title: string, undo?: () => void) => {
    if (!result.ok) return notifyError('Nothing changed', result.message);
    notifications.show({
      color: 'teal',
      title,
      message: undo ? (
        <Group gap="xs" justify="space-between">
          <Text size="sm">For the whole staff once synced.</Text>
          <Button size="compact-xs" variant="subtle" onClick={undo}>
            Undo
          </Button>
        </Group>
      ) : (
        'For the whole staff once synced.'
      ),
      autoClose: 6000,
    });
  };
  const act = {
    acknowledge: (id: string) => {
      if (!myCoachId) return;
      void actions.acknowledge(id, myCoachId).then((r) => done(r, 'Signal acknowledged', () => void actions.reopen(id, myCoachId)));
    },
    reopen: (id: string) => {
      if (!myCoachId) return;
      void actions.reopen(id, myCoachId).then((r) => done(r, 'Signal reopened'));
    },
    snooze: (id: string, until: string) => {
      if (!myCoachId) return;
      void actions.snooze(id, until, myCoachId, today).then((r) => done(r, `Snoozed until ${formatDate(until, { year: false })}`, () => void actions.reopen(id, myCoachId)));
    },
  };

  return (
    <Stack gap="md" maw={1040}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Needs attention
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="attention-counts">
            {open ? countsLine(counts) : 'Loading…'}
          </Text>
        </Stack>
        <SegmentedControl
          aria-label="Whose athletes"
          value={scope}
          onChange={(v) => setScope(v === 'mine' ? 'mine' : 'all')}
          data={[
            { value: 'all', label: 'All athletes' },
            { value: 'mine', label: 'My athletes' },
          ]}
        />
      </Group>
      {open === undefined || athletes === undefined ? (
        <Center py="xl">
          <Loader aria-label="Loading signals" />
        </Center>
      ) : entries.length === 0 ? (
        <Card withBorder padding="xl">
          <Text ta="center" c="dimmed">
            {scope === 'mine' ? 'None of your athletes has an open signal.' : 'No athlete has an open signal.'} Signals appear here
            when the server sees a load spike, a distance jump, an absence, missed sessions or a heart-rate drift.
          </Text>
        </Card>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Athletes that need attention">
          {entries.map((e) => (
            <AthleteEntry key={e.athleteId} entry={e} today={today} canAct={myCoachId !== null} act={act} />
          ))}
        </Stack>
      )}
      <HandledSignals signals={handled} athletes={byId} canAct={myCoachId !== null} onReopen={act.reopen} />
    </Stack>
  );
}

function AthleteEntry({
  entry,
  today,
  canAct,
  act,
}: {
  entry: AttentionEntry;
  today: string;
  canAct: boolean;
  act: { acknowledge(id: string): void; snooze(id: string, until: string): void };
}) {
  const a = entry.athlete;
  const name = a ? `${a.first_name} ${a.last_name}`.trim() || a.email : 'Athlete not on this device yet';
  const nickname = a?.display_name && a.display_name !== name ? a.display_name : null;
  const profile = `/athletes/${entry.athleteId}`;
  return (
    <Card component="li" withBorder padding="md" aria-label={name} data-severity-entry={entry.severity} style={{ borderLeft: `4px solid var(--mantine-color-${entry.severity === 'urgent' ? 'red' : 'yellow'}-6)` }}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Anchor component={Link} to={profile} fw={700} size="md" truncate="end">
            {name}
          </Anchor>
          {nickname && (
            <Text size="sm" c="dimmed" truncate="end">
              “{nickname}”
            </Text>
          )}
          <SeverityBadge severity={entry.severity} size="sm" />
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {entry.signals.length === 1 ? '1 signal' : `${entry.signals.length} signals`}
          </Text>
        </Group>
        <Button component={Link} to={profile} size="compact-sm" variant="default">
          Open profile
        </Button>
      </Group>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {entry.signals.map((s) => (
          <SignalItem
            key={s.id}
            signal={s}
            today={today}
            canAct={canAct}
            onAcknowledge={() => act.acknowledge(s.id)}
            onSnooze={(until) => act.snooze(s.id, until)}
          />
        ))}
      </Stack>
    </Card>
  );
}
