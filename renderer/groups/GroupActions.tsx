/** Rename and delete one group: the dialogs, opened from a menu (list) or from buttons (group page). */
import { Text } from '@mantine/core';
import type { Group } from '../../shared/domain/group';
import { useAstralData } from '../data/context';
import { deleteGroup, renameGroup } from '../data/groups';
import { ConfirmModal } from '../ui/ConfirmModal';
import { plural } from '../ui/format';
import { useSavedNotice } from '../ui/notify';
import { GroupNameModal } from './GroupNameModal';

export type GroupDialog = 'rename' | 'delete' | null;

export function GroupDialogs({ group, size, dialog, onClose, onDeleted }: { group: Group; size: number; dialog: GroupDialog; onClose(): void; onDeleted?(): void }) {
  const { db } = useAstralData();
  const saved = useSavedNotice();
  return (
    <>
      <GroupNameModal
        opened={dialog === 'rename'}
        onClose={onClose}
        title={`Rename ${group.name}`}
        submitLabel="Rename"
        initial={group.name}
        onSubmit={async (name) => {
          const r = await renameGroup(db, group.id, name);
          if (r.ok && r.changed) saved(`Renamed to ${r.value.name}`);
          return r;
        }}
      />
      <ConfirmModal
        opened={dialog === 'delete'}
        onClose={onClose}
        title={`Delete ${group.name}?`}
        confirmLabel="Delete group"
        onConfirm={async () => {
          const r = await deleteGroup(db, group.id);
          if (!r.ok) return r.message;
          saved(`Deleted ${group.name}`);
          onDeleted?.();
          return null;
        }}
      >
        <Text size="sm">
          {size > 0 ? (
            <>
              <b>{group.name}</b> holds {plural(size, 'athlete')}. They stay in your roster and keep their plans; only the group
              goes.
            </>
          ) : (
            <>
              <b>{group.name}</b> has no athletes.
            </>
          )}
        </Text>
      </ConfirmModal>
    </>
  );
}
