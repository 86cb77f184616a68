/**
 * Which invitation dialog is open, and what it starts with (UI state, zustand). One set of dialogs
 * (InvitationsHost) serves the whole app, so the roster's buttons, the Invitations page and a
 * notice's "Invite instead" open the same ones.
 */
import { create } from 'zustand';

/** What a dialog starts with: the group, plan and start a coach picked, and for an invitation the person. */
export type DialogPrefill = {
  first_name?: string;
  email?: string;
  group_id?: string | null;
  training_plan_id?: string | null;
  plan_start_date?: string | null;
};

export type DialogKind = 'invite' | 'link' | 'existing';

type InviteDialogState = {
  kind: DialogKind | null;
  prefill: DialogPrefill;
  /** Bumped on every open, so a dialog reopened with other values resets its form. */
  openCount: number;
  open(kind: DialogKind, prefill?: DialogPrefill): void;
  close(): void;
};

export const useInviteDialog = create<InviteDialogState>()((set) => ({
  kind: null,
  prefill: {},
  openCount: 0,
  open: (kind, prefill = {}) => set((s) => ({ kind, prefill, openCount: s.openCount + 1 })),
  close: () => set({ kind: null }),
}));

export const openInviteDialog = (kind: DialogKind, prefill?: DialogPrefill): void => useInviteDialog.getState().open(kind, prefill);
