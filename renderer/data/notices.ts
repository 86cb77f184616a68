/**
 * Sync messages for the coach (clashes, refused edits), kept in localStorage: they are UI
 * messages about past events, not roster data, and must survive a restart until read.
 * Each notice is tagged with its database, so another account's messages never show.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { NoticeDraft } from './conflicts';

export type Notice = NoticeDraft & { id: string; at: string; read: boolean; database: string };

/** The page a notice is about: its route, else its athlete (notices stored before routes existed). */
export function noticeRoute(n: Pick<NoticeDraft, 'route' | 'athleteId'>): string | null {
  return n.route ?? (n.athleteId ? `/athletes/${n.athleteId}` : null);
}

/** What the link to a notice's page says. */
export function noticeLinkLabel(n: Pick<NoticeDraft, 'route' | 'athleteId'>): string {
  const route = noticeRoute(n) ?? '';
  if (route.startsWith('/plans')) return 'Open plan';
  if (route.startsWith('/groups')) return 'Open groups';
  return 'Open athlete';
}

const MAX_NOTICES = 200;

type NoticesState = {
  notices: Notice[];
  add(database: string, draft: NoticeDraft): Notice;
  markAllRead(database: string): void;
  clear(database: string): void;
};

let seq = 0;
const newId = () => `${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const useNotices = create<NoticesState>()(
  persist(
    (set) => ({
      notices: [],
      add(database, draft) {
        const notice: Notice = { ...draft, id: newId(), at: new Date().toISOString(), read: false, database };
        set((s) => ({ notices: [notice, ...s.notices].slice(0, MAX_NOTICES) }));
        return notice;
      },
      markAllRead: (database) =>
        set((s) => ({ notices: s.notices.map((n) => (n.database === database && !n.read ? { ...n, read: true } : n)) })),
      clear: (database) => set((s) => ({ notices: s.notices.filter((n) => n.database !== database) })),
    }),
    { name: 'astral-notices', version: 1, storage: createJSONStorage(() => localStorage), partialize: (s) => ({ notices: s.notices }) },
  ),
);
