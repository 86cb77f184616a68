import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { noticeRoute, useNotices } from '../data/notices';
import { notifyDesktop } from '../platform/bridge';

/**
 * Shows each new sync message as a notification that stays until dismissed (it is also kept in
 * the Sync messages drawer) and tells the desktop shell. The app badge is the open urgent attention
 * count (attention/AttentionWatcher.tsx).
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
  return null;
}
