/** The actions on one plan of the library: edit, duplicate, export, archive or restore, delete. */
import { ActionIcon, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import type { TrainingPlan } from '../../shared/domain/plan';
import { useAstralData } from '../data/context';
import { deletePlan, duplicatePlan, planFileName, planFileText, setPlanArchived } from '../data/plans';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DotsIcon } from '../ui/icons';
import { notifyError, useSavedNotice } from '../ui/notify';
import { downloadText } from '../ui/download';

export function PlanActions({ plan, assigned }: { plan: TrainingPlan; assigned: number }) {
  const { db } = useAstralData();
  const navigate = useNavigate();
  const saved = useSavedNotice();
  const [confirming, { open, close }] = useDisclosure(false);

  const duplicate = async () => {
    const r = await duplicatePlan(db, plan.id);
    if (!r.ok) return notifyError('Not duplicated', r.message);
    saved(`Created ${r.value.name}`);
    void navigate(`/plans/${r.value.id}`);
  };
  const archive = async (archived: boolean) => {
    const r = await setPlanArchived(db, plan.id, archived);
    if (!r.ok) return notifyError(archived ? 'Not archived' : 'Not restored', r.message);
    saved(archived ? `Archived ${plan.name}` : `Restored ${plan.name}`, archived ? 'It can no longer be assigned; its assignments go on.' : undefined);
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${plan.name}`}>
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void navigate(`/plans/${plan.id}`)}>Edit</Menu.Item>
          <Menu.Item onClick={() => void duplicate()}>Duplicate</Menu.Item>
          <Menu.Item onClick={() => downloadText(planFileName(plan), planFileText(plan))}>Export</Menu.Item>
          <Menu.Divider />
          {plan.archived ? (
            <Menu.Item onClick={() => void archive(false)}>Restore</Menu.Item>
          ) : (
            <Menu.Item onClick={() => void archive(true)}>Archive</Menu.Item>
          )}
          {assigned === 0 && (
            <Menu.Item color="red" onClick={open}>
              Delete
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title="Delete this plan?"
        confirmLabel="Delete plan"
        onConfirm={async () => {
          const r = await deletePlan(db, plan.id);
          if (!r.ok) return r.message;
          saved(`Deleted ${plan.name}`);
          return null;
        }}
      >
        <Text size="sm">
          <b>{plan.name}</b> is removed from the library for every coach. It is not assigned to anyone. To keep it but stop
          assigning it, archive it instead.
        </Text>
      </ConfirmModal>
    </>
  );
}
