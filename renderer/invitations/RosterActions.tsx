/** The roster header's ways to grow the roster: invite an athlete by email, or add one who has an account. */
import { Button } from '@mantine/core';
import { PlusIcon } from '../ui/icons';
import { openInviteDialog } from './inviteDialog';

export function RosterActions() {
  return (
    <>
      <Button size="sm" variant="default" onClick={() => openInviteDialog('existing')}>
        Add existing user
      </Button>
      <Button size="sm" leftSection={<PlusIcon size={16} />} onClick={() => openInviteDialog('invite')}>
        Invite athlete
      </Button>
    </>
  );
}
