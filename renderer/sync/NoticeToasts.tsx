import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { noticeRoute, useNotices } from '../data/notices';
import { notifyDesktop, setBadgeCount } from '../platform/bridge';

/**
 * Shows each new sync message as a notification that stays until dismissed (it is also kept in
 * the Sync messages drawer), tells the desktop shell, and keeps the unread count on the app badge.
 */
export function NoticeToasts({ database }: { database: string }) {
  useEffect(
    () =>
      useNotices.subscribe((state, prev) => {
        const known = new Set(prev.notices.map((n) => n.id));
        for (const n of state.notices) {
          if (known.has(n.id) || n.database !== database) continue;
          notifications.show({
            id: n.id,
            title: n.title,
            message: n.message,
            color: n.kind === 'clash' ? 'yellow' : 'red',
            autoClose: false,
            withBorder: true,
          });
          const route = noticeRoute(n);
          notifyDesktop({ title: n.title, body: n.message, ...(route ? { route } : {}) });
        }
      }),
    [database],
  );
  const unread = useNotices((s) => s.notices.filter((n) => n.database === database && !n.read).length);
  useEffect(() => setBadgeCount(unread), [unread]);
  return null;
}
