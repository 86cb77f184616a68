/** Snooze a signal for 1, 3 or 7 days, or until a picked date (the signal is open again the day after). */
import { Button, Group, Menu, TextInput } from '@mantine/core';
import { useState } from 'react';
import { addDays, isIsoDate, type IsoDate } from '../../../shared/schedule/dates';
import { snoozeUntil } from '../../attention/SignalItem';
import { formatDate } from '../../ui/dates';

const DAYS = [1, 3, 7] as const;

export function SnoozeControl({ title, today, disabled, onSnooze }: { title: string; today: IsoDate; disabled: boolean; onSnooze(until: IsoDate): void }) {
  const [picking, setPicking] = useState(false);
  const [date, setDate] = useState(addDays(today, 7));
  const valid = isIsoDate(date) && date >= today;
  if (picking) {
    return (
      <Group gap={4} wrap="nowrap">
        <TextInput size="xs" type="date" aria-label={`Snooze ${title} until`} value={date} min={today} onChange={(e) => setDate(e.currentTarget.value)} error={!valid} />
        <Button size="compact-sm" disabled={!valid} onClick={() => (setPicking(false), onSnooze(date))}>
          Snooze
        </Button>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setPicking(false)}>
          Cancel
        </Button>
      </Group>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="subtle" color="gray" disabled={disabled} aria-label={`Snooze ${title}`}>
          Snooze
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Hide it for</Menu.Label>
        {DAYS.map((d) => {
          const until = snoozeUntil(today, d);
          return (
            <Menu.Item key={d} onClick={() => onSnooze(until)}>
              {d} day{d === 1 ? '' : 's'} (back {formatDate(addDays(until, 1), { year: false })})
            </Menu.Item>
          );
        })}
        <Menu.Item onClick={() => setPicking(true)}>Until a date…</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
