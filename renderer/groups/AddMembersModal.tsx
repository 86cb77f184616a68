/** Add athletes to a group: a searchable multi-select over the athletes not yet in it. */
import { Alert, Button, Group as Row, Modal, MultiSelect, Stack } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import { useAstralData } from '../data/context';
import { addToGroup } from '../data/groups';
import { plural } from '../ui/format';
import { useSavedNotice } from '../ui/notify';

/** Options rendered at once; typing narrows the list, so a 10,000-athlete roster stays quick. */
const SHOWN_OPTIONS = 60;

export function AddMembersModal({ opened, onClose, group, athletes }: { opened: boolean; onClose(): void; group: Group; athletes: readonly Athlete[] }) {
  const { db } = useAstralData();
  const saved = useSavedNotice();
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The list closes after each pick so it never covers the buttons; typing opens it again.
  const [listOpen, setListOpen] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setIds([]);
    setError(null);
  }, [opened]);

  const options = useMemo(() => {
    // Searchable by the account name and the display name; two athletes sharing a name are told apart by email.
    const label = (a: Athlete) => `${a.first_name} ${a.last_name}`.trim() + (a.display_name ? ` "${a.display_name}"` : '');
    const counts = new Map<string, number>();
    for (const a of athletes) counts.set(label(a), (counts.get(label(a)) ?? 0) + 1);
    return athletes
      .filter((a) => !a.group_ids.includes(group.id))
      .map((a) => ({ value: a.id, label: (counts.get(label(a)) ?? 0) > 1 ? `${label(a)} (${a.email})` : label(a) }));
  }, [athletes, group.id]);

  const add = async () => {
    if (ids.length === 0) return setError('Choose at least one athlete');
    setBusy(true);
    const r = await addToGroup(db, group.id, ids).finally(() => setBusy(false));
    if (!r.ok) return setError(r.message);
    saved(`Added ${plural(r.value.changed, 'athlete')} to ${group.name}`);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Add athletes to ${group.name}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {/* Tall enough for the suggestion list (260 px) to open above the buttons, never over them. */}
      <Stack gap="md" mih={390} justify="space-between">
        <Stack gap="md">
          <MultiSelect
            label="Athletes"
            placeholder={ids.length ? undefined : 'Type a name'}
            data={options}
            value={ids}
            onChange={(v) => {
              setIds(v);
              setListOpen(false);
            }}
            dropdownOpened={listOpen}
            onDropdownOpen={() => setListOpen(true)}
            onDropdownClose={() => setListOpen(false)}
            searchable
            limit={SHOWN_OPTIONS}
            nothingFoundMessage="No athlete with that name outside this group"
            hidePickedOptions
            clearable
            comboboxProps={{ withinPortal: true }}
            maxDropdownHeight={260}
            data-autofocus
          />
          {error && <Alert color="red">{error}</Alert>}
        </Stack>
        <Row justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void add()} loading={busy}>
            {ids.length > 1 ? `Add ${ids.length} athletes` : 'Add'}
          </Button>
        </Row>
      </Stack>
    </Modal>
  );
}
