/**
 * Attention signals of the athlete: open ones first (severity, title, summary, figures, detected
 * date; Acknowledge / Snooze), then acknowledged and snoozed ones (Reopen), resolved ones
 * collapsed. A finding computed on this laptop (from data not yet on the server) says so and has
 * no actions until the server's signal document arrives.
 */
import { Alert, Badge, Button, Card, Collapse, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { SIGNAL_RULE_LABELS } from '../../../shared/domain/signal';
import type { IsoDate } from '../../../shared/schedule/dates';
import { SeverityBadge } from '../../attention/SeverityBadge';
import { useCoachNames } from '../../data/coaches';
import type { ProfileSignal } from '../../data/profile';
import { useSignalActions, type SignalWrite } from '../../data/signals';
import { useUnits } from '../../settings/units';
import { formatDate } from '../../ui/dates';
import { Figures } from './InsightsCard';
import { SnoozeControl } from './SnoozeControl';
import { Dimmed, Section } from './Section';

type Props = { open: readonly ProfileSignal[]; handled: readonly ProfileSignal[]; resolved: readonly ProfileSignal[]; today: IsoDate; coachId: string | null };

function handledLine(s: ProfileSignal, names: Map<string, string>): string {
  const who = s.doc?.handled_by ? (names.get(s.doc.handled_by) ?? 'a coach') : 'a coach';
  if (s.status === 'snoozed' && s.doc?.snoozed_until) return `Snoozed by ${who} until ${formatDate(s.doc.snoozed_until, { year: false })}`;
  return `Acknowledged by ${who}`;
}

function SignalRow({ s, today, coachId, names, onResult }: { s: ProfileSignal; today: IsoDate; coachId: string | null; names: Map<string, string>; onResult(r: SignalWrite): void }) {
  const units = useUnits();
  const actions = useSignalActions();
  const title = SIGNAL_RULE_LABELS[s.rule].title;
  const id = s.doc?.id;
  const canAct = Boolean(id && coachId);
  const isOpen = s.status === 'open' || (s.status === 'snoozed' && s.doc?.snoozed_until !== null && (s.doc?.snoozed_until ?? '') < today);
  return (
    <Card withBorder radius="sm" padding="sm" component="li" aria-label={`${title} (${s.severity})`} data-origin={s.origin}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="wrap">
            <SeverityBadge severity={s.severity} size="sm" />
            <Text fw={600} size="sm">
              {title}
            </Text>
            <Text size="xs" c="dimmed">
              detected {formatDate(s.detected_on, { year: s.detected_on.slice(0, 4) !== today.slice(0, 4) })}
            </Text>
            {s.origin === 'local' && (
              <Tooltip label="Found by the same rules on this device's data; the server's signal takes its place after sync." multiline w={260} withArrow>
                <Badge variant="outline" color="grape" tt="none" size="sm" fw={500} tabIndex={0}>
                  Computed on this laptop
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Text size="sm">{s.summary}</Text>
          <Figures figures={s.figures} units={units} />
          <Text size="xs" c="dimmed" mt={2}>
            Rule: {SIGNAL_RULE_LABELS[s.rule].rule}
          </Text>
          {!isOpen && s.status !== 'resolved' && (
            <Text size="xs" c="dimmed">
              {handledLine(s, names)}
            </Text>
          )}
          {s.status === 'resolved' && s.doc?.resolved_on && (
            <Text size="xs" c="dimmed">
              Resolved by itself on {formatDate(s.doc.resolved_on)}
            </Text>
          )}
        </Stack>
        {id && coachId && s.status !== 'resolved' && (
          <Group gap="xs" wrap="nowrap">
            {isOpen ? (
              <>
                <Button size="compact-sm" variant="light" disabled={!canAct} onClick={() => void actions.acknowledge(id, coachId).then(onResult)} aria-label={`Acknowledge ${title}`}>
                  Acknowledge
                </Button>
                <SnoozeControl title={title} today={today} disabled={!canAct} onSnooze={(until) => void actions.snooze(id, until, coachId, today).then(onResult)} />
              </>
            ) : (
              <Button size="compact-sm" variant="subtle" onClick={() => void actions.reopen(id, coachId).then(onResult)} aria-label={`Reopen ${title}`}>
                Reopen
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Card>
  );
}

export function SignalsCard({ open, handled, resolved, today, coachId }: Props) {
  const names = useCoachNames();
  const [showResolved, setShowResolved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onResult = (r: SignalWrite) => setError(r.ok ? null : r.message);
  const row = (s: ProfileSignal) => <SignalRow key={s.key} s={s} today={today} coachId={coachId} names={names} onResult={onResult} />;
  const urgent = open.filter((s) => s.severity === 'urgent').length;
  return (
    <Section
      id="signals"
      title="Attention signals"
      source={open.length ? `${open.length} open${urgent ? `, ${urgent} urgent` : ''} · fixed rules over the last 16 weeks` : 'Fixed rules over the last 16 weeks'}
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" withCloseButton onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        {open.length === 0 && <Dimmed>No open signals.</Dimmed>}
        {open.length > 0 && (
          <Stack gap="xs" component="ul" m={0} p={0} aria-label="Open signals" style={{ listStyle: 'none' }}>
            {open.map(row)}
          </Stack>
        )}
        {handled.length > 0 && (
          <Stack gap="xs" component="ul" m={0} p={0} aria-label="Acknowledged and snoozed signals" style={{ listStyle: 'none' }}>
            {handled.map(row)}
          </Stack>
        )}
        {resolved.length > 0 && (
          <>
            <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setShowResolved((v) => !v)} aria-expanded={showResolved}>
              {showResolved ? 'Hide' : 'Show'} {resolved.length} resolved
            </Button>
            <Collapse expanded={showResolved}>
              <Stack gap="xs" component="ul" m={0} p={0} aria-label="Resolved signals" style={{ listStyle: 'none' }}>
                {resolved.map(row)}
              </Stack>
            </Collapse>
          </>
        )}
      </Stack>
    </Section>
  );
}
