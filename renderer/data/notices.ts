/**
 * Sync messages for the coach (clashes, refused edits), kept in localStorage: they are UI
 * messages about past events, not roster data, and must survive a restart until read.
 * Each notice is tagged with its database, so another account's messages never show.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { NoticeDraft } from './conflicts';

export { noticeLinkLabel, noticeRoute } from './noticeWords';

export type Notice = NoticeDraft & { id: string; at: string; read: boolean; database: string };

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
