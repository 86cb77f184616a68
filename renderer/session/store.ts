/**
 * The session (zustand, persisted to localStorage): which server, who is signed in, which
 * organization is open, and for which local databases the first full sync has finished; after
 * that the app opens straight on the local roster, with or without a network.
 * Roster documents never live here; they are in RxDB (renderer/data/).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { OrganizationMembershipSummary, SessionResponse, User } from '../../shared/domain/organization';
import { keepTokenInShell, loadShellToken, persistedSession } from '../platform/sessionToken';
import { defaultServerUrl, normalizeServerUrl } from './api';

export type OrgRef = OrganizationMembershipSummary;

type SessionState = {
  serverUrl: string;
  token: string | null;
  user: User | null;
  organizations: OrgRef[];
  org: OrgRef | null;
  firstSyncDone: Record<string, true>;
  /** Why the last session ended, shown on the sign-in screen. */
  signedOutReason: string | null;
  setServerUrl(url: string): void;
  signedIn(serverUrl: string, session: SessionResponse): void;
  chooseOrg(org: OrgRef): void;
  refreshAccount(user: User, organizations: OrgRef[]): void;
  markFirstSyncDone(database: string): void;
  signOut(reason?: string): void;
};

// In the desktop shell the token is kept with the OS keychain, not in localStorage: it is read once
// here, before anything renders (renderer/platform/sessionToken.ts). undefined in a browser.
const shellToken = await loadShellToken();

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      serverUrl: defaultServerUrl(),
      token: shellToken ?? null,
      user: null,
      organizations: [],
      org: null,
      firstSyncDone: {},
      signedOutReason: null,
      setServerUrl: (url) => set({ serverUrl: url }),
      signedIn: (serverUrl, session) =>
        set({
          serverUrl: normalizeServerUrl(serverUrl),
          token: session.token,
          user: session.user,
          organizations: session.organizations,
          org: session.organizations.length === 1 ? (session.organizations[0] ?? null) : null,
          signedOutReason: null,
        }),
      chooseOrg: (org) => set({ org }),
      refreshAccount: (user, organizations) =>
        set((s) => {
          const current = s.org ? organizations.find((o) => o.id === s.org?.id) : undefined;
          if (s.org && !current) return { user, organizations, org: null };
          return { user, organizations, org: current ?? s.org };
        }),
      markFirstSyncDone: (database) => set((s) => ({ firstSyncDone: { ...s.firstSyncDone, [database]: true } })),
      signOut: (reason) => set({ token: null, user: null, organizations: [], org: null, signedOutReason: reason ?? null }),
    }),
    {
      name: 'astral-session',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) =>
        persistedSession(shellToken, {
          serverUrl: s.serverUrl,
          token: s.token,
          user: s.user,
          organizations: s.organizations,
          org: s.org,
          firstSyncDone: s.firstSyncDone,
        }),
    },
  ),
);
keepTokenInShell(useSession, shellToken);
