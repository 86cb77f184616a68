/** The head coach's confirmations for removing a coach and handing over the head-coach role. */
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CoachMembership } from '../../../shared/domain/organization';
import { coachName } from '../../data/coaches';
import { getMe } from '../../session/api';
import { useSession } from '../../session/store';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { plural } from '../../ui/format';
import { errorMessage, handOverHeadCoach, removeCoach, type ServerContext } from '../teamApi';

export type CoachDialog = { kind: 'remove' | 'hand-over'; coach: CoachMembership } | null;

export function CoachDialogs({
  ctx,
  dialog,
  athleteCounts,
  onClose,
}: {
  ctx: ServerContext;
  dialog: CoachDialog;
  /** Athletes per coach id (rules.ts athleteCountsByCoach). */
  athleteCounts: ReadonlyMap<string, number> | undefined;
  onClose(): void;
}) {
  const orgName = useSession((s) => s.org?.name) ?? 'this organization';
  const refreshAccount = useSession((s) => s.refreshAccount);
  // Keep the last coach while the dialog closes, so its text does not blank out mid-animation.
  const [last, setLast] = useState<CoachDialog>(dialog);
  if (dialog && dialog !== last) setLast(dialog);
  const coach = (dialog ?? last)?.coach;
  const name = coach ? coachName(coach) : '';
  const athleteCount = coach ? (athleteCounts?.get(coach.id) ?? 0) : 0;

  const remove = async (): Promise<string | null> => {
    if (!coach) return null;
    try {
      const result = await removeCoach(ctx, coach.id);
      const unassigned = result.unassigned_athlete_ids.length;
      notifications.show({
        color: 'teal',
        title: `Removed ${name} from the coaching staff`,
        message: unassigned ? `${plural(unassigned, 'athlete')} no longer assigned to them.` : 'No athletes were assigned to them.',
        autoClose: 4000,
      });
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  };

  const handOver = async (): Promise<string | null> => {
    if (!coach) return null;
    try {
      await handOverHeadCoach(ctx, coach.id);
      // The roles reach this device through sync; the session's role summary is refreshed too.
      void getMe(ctx.serverUrl, ctx.token).then((me) => refreshAccount(me.user, me.organizations), () => undefined);
      notifications.show({ color: 'teal', title: `${name} is now the head coach`, message: 'You are a coach of this organization now.', autoClose: 5000 });
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  };

  return (
    <>
      <ConfirmModal
        opened={dialog?.kind === 'remove'}
        title="Remove this coach?"
        confirmLabel="Remove coach"
        onConfirm={remove}
        onClose={onClose}
      >
        <Text size="sm">
          <b>{name}</b> ({coach?.email}) leaves the coaching staff of {orgName} and can no longer open it. Their Astral account stays.
        </Text>
        <Text size="sm">
          {athleteCount > 0
            ? `${plural(athleteCount, 'athlete')} assigned to ${name} become unassigned from them; any other coaches of those athletes stay.`
            : `No athletes are assigned to ${name}.`}{' '}
          Nothing else is lost: athletes, plans, groups and notes stay as they are.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={dialog?.kind === 'hand-over'}
        title="Hand over the head-coach role?"
        confirmLabel="Make head coach"
        onConfirm={handOver}
        onClose={onClose}
      >
        <Text size="sm">
          <b>{name}</b> becomes the head coach of {orgName}: they manage the coaching staff, the API keys and which coach each athlete has.
        </Text>
        <Text size="sm">You become a coach and lose those controls. Only {name} can hand the role back.</Text>
      </ConfirmModal>
    </>
  );
}
