/**
 * The app's one set of invitation dialogs (invite, join link, add existing user), opened through
 * openInviteDialog() from anywhere, and the runner that carries out "add existing user" requests
 * kept while offline. Mounted once inside the open database (Layout).
 */
import { AddExistingModal } from './AddExistingModal';
import { AddExistingRunner } from './AddExistingRunner';
import { InviteModal } from './InviteModal';
import { MultiUseLinkModal } from './MultiUseLinkModal';
import { useInviteDialog } from './inviteDialog';

export function InvitationsHost() {
  const kind = useInviteDialog((s) => s.kind);
  const prefill = useInviteDialog((s) => s.prefill);
  const openCount = useInviteDialog((s) => s.openCount);
  const close = useInviteDialog((s) => s.close);
  return (
    <>
      <InviteModal opened={kind === 'invite'} onClose={close} prefill={prefill} openCount={openCount} />
      <MultiUseLinkModal opened={kind === 'link'} onClose={close} prefill={prefill} openCount={openCount} />
      <AddExistingModal opened={kind === 'existing'} onClose={close} prefill={prefill} openCount={openCount} />
      <AddExistingRunner />
    </>
  );
}
